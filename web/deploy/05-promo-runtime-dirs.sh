#!/bin/sh
# Runs before the base image's 20-envsubst-on-templates.sh: the rendered
# configuration, the pid file and nginx's temporary files live in /tmp, which in
# the pod is an empty, writable volume (the root filesystem is read-only).
set -eu
mkdir -p /tmp/nginx/conf.d

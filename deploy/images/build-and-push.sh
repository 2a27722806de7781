#!/usr/bin/env bash
# Builds every image of deploy/images/images.json for linux/amd64 and pushes it:
#
#   deploy/images/build-and-push.sh                 # podman, the registry and version of images.json
#   ENGINE=docker REGISTRY=my.registry/promo VERSION=0.2.0 deploy/images/build-and-push.sh [NAME...]
#   deploy/images/build-and-push.sh --dry-run       # print the commands only
#
# From the repository root of a clean checkout (what is committed is what is
# built: each context's .dockerignore lets in only sources). Needs BuildKit
# (docker ≥ 23) or podman/buildah ≥ 4 for the RUN cache mounts. Sign in first
# (`podman login REGISTRY`). The manifests name registry.example.com/promo-calendar/NAME:0.1.0;
# another registry or version goes into the overlay's `images:` (kustomize).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
run() { if [ "$DRY_RUN" = 1 ]; then printf '%q ' "$@"; echo; else "$@"; fi; }

DRY_RUN=0
[ "${1:-}" = --dry-run ] && { DRY_RUN=1; shift; }
ENGINE=${ENGINE:-podman}
listing=$(python3 - "$@" <<'PY'
import json, sys
data = json.load(open("deploy/images/images.json"))
wanted = set(sys.argv[1:])
names = {image["name"] for image in data["images"]}
unknown = wanted - names
if unknown:
    sys.exit(f"no image named {', '.join(sorted(unknown))} (images: {', '.join(sorted(names))})")
print(data["registry"], data["version"])
for image in data["images"]:
    if not wanted or image["name"] in wanted:
        print(image["name"], image["containerfile"], image["context"])
PY
)
read -r default_registry default_version <<<"$(head -n1 <<<"$listing")"
REGISTRY=${REGISTRY:-$default_registry}
VERSION=${VERSION:-$default_version}
revision=$(git rev-parse HEAD)

tail -n +2 <<<"$listing" | while read -r name containerfile context; do
  tag="$REGISTRY/$name:$VERSION"
  echo "==> $tag ($containerfile, context $context)"
  run "$ENGINE" build --platform linux/amd64 --pull \
    --label "org.opencontainers.image.revision=$revision" \
    --label "org.opencontainers.image.version=$VERSION" \
    -f "$containerfile" -t "$tag" "$context"
  run "$ENGINE" push "$tag"
done

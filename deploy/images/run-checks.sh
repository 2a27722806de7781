#!/usr/bin/env bash
# The images' checks that need no container engine, for `./dev test manifests`
# (or alone: deploy/images/run-checks.sh):
#   check-images.py      every Containerfile linted and checked (hadolint, BuildKit's parser)
#   test-web-server.py   the web image's nginx configuration, run for real in front of stubs;
#                        with the stack's Keycloak up and web/ built (as in ./dev test) also
#                        --browser: Chromium signs in through it and reports any CSP violation
#   ../k8s/components/keycloak/check.py  the Keycloak components against the local realm;
#                        with Keycloak up also check-realm-import.py: the standalone realm imported for real
# Installs what they need once: a virtualenv from requirements.txt in the cache,
# nginx-core (nginx with the sub module), gettext-base (envsubst) and, for the
# browser check, chromium from Debian (as the web part's e2e tests do).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=../local/lib.sh
source "$ROOT/deploy/local/lib.sh"

requirements="$ROOT/deploy/images/requirements.txt"
build_python_venv images "$requirements" || die "installing deploy/images/requirements.txt failed"
venv=$(python_venv images "$requirements")
ensure_apt nginx-core gettext-base

# The Keycloak components are rendered with $KUSTOMIZE (set by ./dev's manifests part), else kubectl's.
[ -n "${KUSTOMIZE:-}" ] || command -v kubectl >/dev/null \
  || die "kubectl is needed (kubectl kustomize renders the Keycloak components), or KUSTOMIZE='kustomize build'"

failed=0 # every check runs; the script fails if any did
PATH="$venv/bin:$PATH" "$venv/bin/python" "$ROOT/deploy/images/check-images.py" || failed=1
PATH="$PATH:/usr/sbin" python3 "$ROOT/deploy/images/test-web-server.py" || failed=1
KUSTOMIZE="${KUSTOMIZE:-}" "$venv/bin/python" "$ROOT/deploy/k8s/components/keycloak/check.py" || failed=1

# With the local stack's Keycloak up (as in ./dev test): the real thing.
if curl -sf --max-time 10 --retry 2 -o /dev/null "$KEYCLOAK_URL/realms/$KEYCLOAK_REALM/.well-known/openid-configuration"; then
  # the standalone realm import, imported as a scratch realm and checked with real tokens
  # (the local stack's bootstrap admin, deploy/keycloak/README.md)
  KEYCLOAK_ADMIN_USERNAME=${KEYCLOAK_ADMIN_USERNAME:-kcadmin} KEYCLOAK_ADMIN_PASSWORD=${KEYCLOAK_ADMIN_PASSWORD:-kcadmin} \
    "$venv/bin/python" "$ROOT/deploy/k8s/components/keycloak/check-realm-import.py" "$KEYCLOAK_URL" || failed=1
  if [ -s "$ROOT/web/dist/index.html" ] && [ -d "$ROOT/web/node_modules/playwright-core" ]; then
    ensure_apt chromium fonts-dejavu-core
    PATH="$PATH:/usr/sbin" python3 "$ROOT/deploy/images/test-web-server.py" --browser || failed=1
  else
    echo "web CSP in the browser: skipped (web/ is not built)"
  fi
else
  echo "realm import in Keycloak, web CSP in the browser: skipped (no Keycloak at $KEYCLOAK_URL; ./dev test starts it)"
fi
exit "$failed"

# Part: the Kubernetes manifests (deploy/k8s). Nothing runs; `./dev test manifests`
# renders every overlay with kustomize and checks each document: core kinds
# against the strict schemas of Kubernetes $MANIFESTS_KUBERNETES_VERSION
# (kubernetes-validate), custom resources against the vendored CRDs
# (kubeconform -strict), then what no schema can say (deploy/k8s/check).
# Tools: a virtualenv in $PROMO_CACHE (PyPI) and kubeconform built from the Go
# module proxy into $PROMO_CACHE/tools; after that the checks run offline.

# The oldest Kubernetes every pinned component supports: Knative Eventing 1.22
# requires 1.34, CloudNativePG 1.30 supports 1.34–1.36 (deploy/README.md).
: "${MANIFESTS_KUBERNETES_VERSION:=1.34.0}"
MANIFESTS_KUBECONFORM_VERSION=v0.8.0
# only where kubectl is missing: the kustomize that kubectl 1.32–1.34 embeds
MANIFESTS_KUSTOMIZE_VERSION=v5.5.0

manifests_dir() { echo "$ROOT/deploy/k8s"; }
manifests_requirements() { echo "$(manifests_dir)/check/requirements.txt"; }
manifests_tools() { echo "$PROMO_CACHE/tools/manifests-kubeconform-$MANIFESTS_KUBECONFORM_VERSION"; }

# `kubectl kustomize` where kubectl is installed, else kustomize built like kubeconform.
manifests_kustomize() {
  if command -v kubectl >/dev/null; then echo "kubectl kustomize"
  else echo "$PROMO_CACHE/tools/kustomize-$MANIFESTS_KUSTOMIZE_VERSION/kustomize build"; fi
}

manifests_go_install() { # directory module@version
  [ -x "$1/$(basename "${2%@*}")" ] && return 0
  command -v go >/dev/null || die "manifests: Go is needed to build ${2%@*} (the Go module proxy)"
  GOBIN="$1" GOTOOLCHAIN=local go install "$2"
}

part_manifests_build() {
  build_python_venv manifests "$(manifests_requirements)" || die "manifests: the virtualenv failed"
  manifests_go_install "$(manifests_tools)" "github.com/yannh/kubeconform/cmd/kubeconform@$MANIFESTS_KUBECONFORM_VERSION" \
    || die "manifests: building kubeconform failed"
  if ! command -v kubectl >/dev/null; then
    manifests_go_install "$PROMO_CACHE/tools/kustomize-$MANIFESTS_KUSTOMIZE_VERSION" \
      "sigs.k8s.io/kustomize/kustomize/v5@$MANIFESTS_KUSTOMIZE_VERSION" || die "manifests: building kustomize failed"
  fi
}

part_manifests_test() {
  local python dir overlays
  python="$(python_venv manifests "$(manifests_requirements)")/bin/python"
  dir=$(manifests_dir)
  overlays=("$dir"/overlays/*/)
  KUSTOMIZE="$(manifests_kustomize)" "$ROOT/deploy/images/run-checks.sh" || return 1 # images, web server, Keycloak components
  "$python" -m pytest -q -p no:cacheprovider "$dir/check" || return 1
  "$python" "$dir/check/check_manifests.py" --kubernetes-version "$MANIFESTS_KUBERNETES_VERSION" \
    --kubeconform "$(manifests_tools)/kubeconform" --kustomize "$(manifests_kustomize)" "${overlays[@]%/}"
}

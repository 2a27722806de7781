# Part: the Kubernetes manifests (deploy/k8s). Nothing runs; `./dev test manifests`
# renders every overlay with kustomize and checks each document: core kinds
# against the strict schemas of Kubernetes $MANIFESTS_KUBERNETES_VERSION
# (kubernetes-validate), custom resources against the vendored CRDs
# (kubeconform -strict), then what no schema can say (deploy/k8s/check).
# Last, a real kube-apiserver (on Debian's etcd) takes every overlay with
# `kubectl apply --dry-run=server --validate=strict` (deploy/k8s/check/dry-run-server.sh).
# Tools: a virtualenv in $PROMO_CACHE (PyPI), kubeconform and kube-apiserver built
# from the Go module proxy into $PROMO_CACHE/tools (kube-apiserver once: ~4 CPU
# minutes), etcd-server from Debian; after that the checks run offline.
# MANIFESTS_SERVER_DRY_RUN=0 leaves the API server out (build and test).

# The oldest Kubernetes every pinned component supports: Knative Eventing 1.22
# requires 1.34, CloudNativePG 1.30 supports 1.34–1.36 (deploy/README.md).
: "${MANIFESTS_KUBERNETES_VERSION:=1.34.0}"
MANIFESTS_KUBECONFORM_VERSION=v0.8.0
# only where kubectl is missing: the kustomize that kubectl 1.32 embeds (what this machine's kubectl shows)
MANIFESTS_KUSTOMIZE_VERSION=v5.5.0
# the newest patch release of that minor version on the Go module proxy
MANIFESTS_APISERVER_VERSION=v1.34.4
: "${MANIFESTS_SERVER_DRY_RUN:=1}"

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

manifests_apiserver_dir() { echo "$PROMO_CACHE/tools/kube-apiserver-$MANIFESTS_APISERVER_VERSION"; }

# kube-apiserver (and kubectl where it is missing) from the k8s.io/kubernetes
# module: its go.mod points the k8s.io/* modules at ./staging, which the module
# zip leaves out, so they are pointed at the published modules of the same
# version (v0.34.4 for v1.34.4) before building.
manifests_build_apiserver() {
  local dir src work version=$MANIFESTS_APISERVER_VERSION targets=(kube-apiserver)
  dir=$(manifests_apiserver_dir)
  command -v kubectl >/dev/null || targets+=(kubectl)
  local target missing=0
  for target in "${targets[@]}"; do [ -x "$dir/$target" ] || missing=1; done
  [ "$missing" = 1 ] || return 0
  command -v go >/dev/null || die "manifests: Go is needed to build kube-apiserver (the Go module proxy)"
  echo "building ${targets[*]} $version from the Go module proxy (once; a few minutes)"
  src=$(GOWORK=off GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@$version" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["Dir"])') || return 1
  work=$(mktemp -d)
  cp -r "$src" "$work/kubernetes" && chmod -R u+w "$work/kubernetes"
  sed -i -E "s#^(\s*)(k8s\.io/[a-z0-9-]+) => \./staging/src/k8s\.io/[a-z0-9-]+#\1\2 => \2 v0.${version#v1.}#" \
    "$work/kubernetes/go.mod"
  local ldflags="-X k8s.io/component-base/version.gitVersion=$version -X k8s.io/component-base/version.gitMajor=1"
  ldflags+=" -X k8s.io/component-base/version.gitMinor=$(cut -d. -f2 <<<"$version")"
  mkdir -p "$dir"
  for target in "${targets[@]}"; do
    (cd "$work/kubernetes" && GOWORK=off GOFLAGS=-mod=mod GOTOOLCHAIN=local \
      go build -trimpath -ldflags "$ldflags" -o "$dir/$target" "./cmd/$target") || { rm -rf "$work"; return 1; }
  done
  rm -rf "$work"
}

part_manifests_build() {
  build_python_venv manifests "$(manifests_requirements)" || die "manifests: the virtualenv failed"
  manifests_go_install "$(manifests_tools)" "github.com/yannh/kubeconform/cmd/kubeconform@$MANIFESTS_KUBECONFORM_VERSION" \
    || die "manifests: building kubeconform failed"
  if ! command -v kubectl >/dev/null; then
    manifests_go_install "$PROMO_CACHE/tools/kustomize-$MANIFESTS_KUSTOMIZE_VERSION" \
      "sigs.k8s.io/kustomize/kustomize/v5@$MANIFESTS_KUSTOMIZE_VERSION" || die "manifests: building kustomize failed"
  fi
  if [ "$MANIFESTS_SERVER_DRY_RUN" = 1 ]; then
    ensure_apt etcd-server openssl || die "manifests: installing etcd-server failed"
    manifests_build_apiserver || die "manifests: building kube-apiserver failed"
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
    --kubeconform "$(manifests_tools)/kubeconform" --kustomize "$(manifests_kustomize)" "${overlays[@]%/}" || return 1
  [ "$MANIFESTS_SERVER_DRY_RUN" = 1 ] || { echo "server-side dry run left out (MANIFESTS_SERVER_DRY_RUN=0)"; return 0; }
  PATH="$PATH:$(manifests_apiserver_dir)" "$dir/check/dry-run-server.sh" "$(manifests_apiserver_dir)/kube-apiserver" "${overlays[@]%/}"
}

#!/usr/bin/env bash
# What the API server itself checks, without a cluster: starts a throw-away
# etcd and kube-apiserver on 127.0.0.1, installs the vendored CRDs, creates the
# namespace, and applies every overlay with `kubectl apply --dry-run=server
# --validate=strict` (field validation with structural pruning, CRD defaults
# and CEL rules, built-in admission). No operator runs, so nothing the
# operators' webhooks check is checked here. Everything is removed at the end.
#
# usage: dry-run-server.sh KUBE_APISERVER OVERLAY...
set -euo pipefail
apiserver=$1; shift
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
etcd_port=$(free_port) peer_port=$(free_port) api_port=$(free_port)

etcd --data-dir "$work/etcd" --listen-client-urls "http://127.0.0.1:$etcd_port" \
  --advertise-client-urls "http://127.0.0.1:$etcd_port" --listen-peer-urls "http://127.0.0.1:$peer_port" \
  >"$work/etcd.log" 2>&1 &
pids+=($!)

openssl genrsa -out "$work/sa.key" 2048 2>/dev/null
openssl rsa -in "$work/sa.key" -pubout -out "$work/sa.pub" 2>/dev/null
token=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
echo "$token,dry-run,dry-run,system:masters" >"$work/tokens.csv"

"$apiserver" --etcd-servers "http://127.0.0.1:$etcd_port" --bind-address 127.0.0.1 --secure-port "$api_port" \
  --cert-dir "$work/certs" --token-auth-file "$work/tokens.csv" --authorization-mode RBAC \
  --service-account-issuer https://kubernetes.default.svc --service-account-key-file "$work/sa.pub" \
  --service-account-signing-key-file "$work/sa.key" --service-cluster-ip-range 10.96.0.0/16 \
  --enable-priority-and-fairness=false >"$work/apiserver.log" 2>&1 &
pids+=($!)

cat >"$work/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters: [{name: dry-run, cluster: {server: "https://127.0.0.1:$api_port", insecure-skip-tls-verify: true}}]
users: [{name: dry-run, user: {token: "$token"}}]
contexts: [{name: dry-run, context: {cluster: dry-run, user: dry-run}}]
current-context: dry-run
EOF
export KUBECONFIG="$work/kubeconfig"

for _ in $(seq 1 120); do
  kubectl get --raw /readyz >/dev/null 2>&1 && break
  if ! kill -0 "${pids[1]}" 2>/dev/null; then tail -20 "$work/apiserver.log" "$work/etcd.log" >&2; exit 1; fi
  sleep 1
done
kubectl get --raw /readyz >/dev/null || { echo "kube-apiserver did not become ready" >&2; tail -20 "$work/apiserver.log" >&2; exit 1; }
echo "kube-apiserver $(kubectl get --raw /version | python3 -c 'import json,sys; print(json.load(sys.stdin)["gitVersion"])') on etcd $(etcd --version | sed -n '1s/.*: //p')"

kubectl apply --server-side -f "$here/../schemas/crds" >/dev/null
# (a CRD only just created has no conditions yet, which kubectl wait takes for an error)
for _ in $(seq 1 60); do
  kubectl wait --for condition=Established --timeout 30s crd --all >/dev/null 2>&1 && break
  sleep 1
done
kubectl wait --for condition=Established --timeout 5s crd --all >/dev/null
kubectl apply -f "$here/../base/namespace.yaml" >/dev/null

failed=0
for overlay in "$@"; do
  if out=$(kubectl apply --dry-run=server --validate=strict -k "$overlay" 2>&1); then
    echo "ok   $(basename "$overlay"): server-side dry run ($(grep -c 'server dry run' <<<"$out") objects)"
    grep -i 'warning' <<<"$out" || true
  else
    failed=1
    echo "FAIL $(basename "$overlay"): server-side dry run"
    grep -v 'server dry run' <<<"$out" | sed 's/^/  /'
  fi
done
exit "$failed"

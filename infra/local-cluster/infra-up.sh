#!/usr/bin/env bash
# The local infrastructure profile on the local cluster: namespaces, PostgreSQL, Redis,
# Prometheus, the custom metrics adapter and the connection Secret the chart reads
# (manifests/infra/), then waits until they serve. Tilt runs it as the `infra` resource with
# `tilt up -- --infra=local`; running it again changes nothing.
#
#   infra/local-cluster/infra-up.sh [--context kind-pyairtable]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
context=kind-pyairtable
[ "${1:-}" != --context ] || context=$2
kubectl_binary=$(command -v kubectl || "$root/tests/go-tools/ensure-go-tool.sh" kubectl)
kubectl() { "$kubectl_binary" --context "$context" "$@"; }

kubectl apply --server-side --field-manager=pyairtable-local-infra -f "$here/manifests/infra/namespaces.yaml"

# The adapter's serving certificate: made once, kept while the Secret exists.
if ! kubectl --namespace monitoring get secret metrics-adapter-tls >/dev/null 2>&1; then
  tls=$(mktemp -d)
  trap 'rm -rf "$tls"' EXIT
  openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=metrics-adapter.monitoring.svc" \
    -addext "subjectAltName=DNS:metrics-adapter.monitoring.svc" \
    -keyout "$tls/tls.key" -out "$tls/tls.crt" 2>/dev/null
  kubectl --namespace monitoring create secret tls metrics-adapter-tls --cert "$tls/tls.crt" --key "$tls/tls.key"
fi

kubectl apply --server-side --field-manager=pyairtable-local-infra -f "$here/manifests/infra/"
kubectl --namespace pyairtable-data rollout status statefulset/postgres --timeout=300s
kubectl --namespace pyairtable-data rollout status statefulset/redis --timeout=300s
kubectl --namespace monitoring rollout status deployment/prometheus --timeout=300s
kubectl --namespace monitoring rollout status deployment/metrics-adapter --timeout=300s
kubectl wait --for=condition=Available apiservice/v1beta2.custom.metrics.k8s.io --timeout=120s

#!/usr/bin/env bash
# Builds a Go-based tool the tests and scripts need from its module on the Go module proxy,
# once per version, into a cache shared by sessions and CI runs; prints the binary's path.
#
#   tests/go-tools/ensure-go-tool.sh kube-apiserver   # -> $CACHE/kube-apiserver-v1.37.2/kube-apiserver
#
# How tools are built and cached: go-build.sh beside this script.
set -euo pipefail
. "$(dirname "$0")/go-build.sh"

KUBERNETES_VERSION=v1.37.2
ETCD_VERSION=v3.6.7
HELM_VERSION=v4.3.1
# Prometheus v3.16.0 (its Go module is versioned v0.316.0).
PROMETHEUS_VERSION=v0.316.0
K6_VERSION=v1.8.1

tool=${1:?usage: ensure-go-tool.sh <kube-apiserver|kube-controller-manager|kube-scheduler|kube-proxy|kubelet|kubeadm|kubectl|etcd|helm|promtool|k6>}

case "$tool" in
  kube-apiserver | kube-controller-manager | kube-scheduler | kube-proxy | kubelet | kubeadm | kubectl) version=$KUBERNETES_VERSION ;;
  etcd) version=$ETCD_VERSION ;;
  helm) version=$HELM_VERSION ;;
  promtool) version=$PROMETHEUS_VERSION ;;
  k6) version=$K6_VERSION ;;
  *) echo "ensure-go-tool: unknown tool '$tool' (known: kube-apiserver, kube-controller-manager, kube-scheduler, kube-proxy, kubelet, kubeadm, kubectl, etcd, helm, promtool, k6)" >&2; exit 2 ;;
esac

go_build_begin ensure-go-tool "$tool" "$go_build_cache/$tool-$version/$tool"

# k8s.io/kubernetes builds as a dependency only when each staging module it names
# (k8s.io/api, k8s.io/client-go, ...) is pinned to the matching published v0.x version.
kubernetes_module() {
  local staging_version="v0.${KUBERNETES_VERSION#v1.}"
  {
    echo "module pyairtable.local/$tool"
    echo
    echo "go 1.26"
    echo
    echo "require k8s.io/kubernetes $KUBERNETES_VERSION"
    echo
    curl -fsS "${GOPROXY_BASE:-https://proxy.golang.org}/k8s.io/kubernetes/@v/$KUBERNETES_VERSION.mod" |
      sed -n 's#^\s*\(k8s\.io/[a-z0-9-]*\) => \./staging/.*#replace \1 => \1 '"$staging_version"'#p' |
      grep -v -e 'k8s.io/sample-'
  } >"$work/go.mod"
}

# A command whose module builds as a plain dependency: a throwaway module requiring it.
build_command() {
  local package=$1
  printf 'module pyairtable.local/%s\n\ngo 1.26\n' "$tool" >"$work/go.mod"
  (cd "$work" && go get "$package@$version" >&2 &&
    go build -trimpath -ldflags "-s -w" -o "$work/$tool" "$package" >&2)
}

case "$tool" in
  helm) build_command helm.sh/helm/v4/cmd/helm ;;
  promtool) build_command github.com/prometheus/prometheus/cmd/promtool ;;
  k6) build_command go.k6.io/k6 ;;
  kube-apiserver | kube-controller-manager | kube-scheduler | kube-proxy | kubelet | kubeadm | kubectl)
    kubernetes_module
    (cd "$work" && go mod download k8s.io/kubernetes && go get "k8s.io/kubernetes/cmd/$tool@$KUBERNETES_VERSION" >&2 &&
      go build -trimpath -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=$KUBERNETES_VERSION -X k8s.io/client-go/pkg/version.gitVersion=$KUBERNETES_VERSION" \
        -o "$work/$tool" "k8s.io/kubernetes/cmd/$tool" >&2)
    ;;
  etcd)
    etcd_main "$ETCD_VERSION"
    (cd "$work" && go build -trimpath -ldflags "-s -w" -o "$work/$tool" . >&2)
    ;;
esac

go_build_finish "$work/$tool"

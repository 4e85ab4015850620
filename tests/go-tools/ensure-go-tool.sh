#!/usr/bin/env bash
# Builds a Go-based tool the tests and scripts need from its module on the Go module proxy,
# once per version, into a cache shared by sessions and CI runs; prints the binary's path.
#
#   tests/go-tools/ensure-go-tool.sh kube-apiserver   # -> $CACHE/kube-apiserver-v1.37.2/kube-apiserver
#
# Nothing here downloads a prebuilt binary: these machines reach only package registries, so
# every tool is compiled from source with the local Go toolchain. The cache directory is
# PYAIRTABLE_TOOLS_CACHE (default ~/.cache/pyairtable-tools); a finished build is recorded by
# the binary itself appearing there, written atomically, so an interrupted build is redone.
set -euo pipefail

KUBERNETES_VERSION=v1.37.2
ETCD_VERSION=v3.6.7
HELM_VERSION=v4.3.1
# Prometheus v3.16.0 (its Go module is versioned v0.316.0).
PROMETHEUS_VERSION=v0.316.0
K6_VERSION=v1.8.1

tool=${1:?usage: ensure-go-tool.sh <kube-apiserver|kube-controller-manager|kube-scheduler|kube-proxy|kubelet|kubeadm|kubectl|etcd|helm|promtool|k6>}
cache=${PYAIRTABLE_TOOLS_CACHE:-$HOME/.cache/pyairtable-tools}

case "$tool" in
  kube-apiserver | kube-controller-manager | kube-scheduler | kube-proxy | kubelet | kubeadm | kubectl) version=$KUBERNETES_VERSION ;;
  etcd) version=$ETCD_VERSION ;;
  helm) version=$HELM_VERSION ;;
  promtool) version=$PROMETHEUS_VERSION ;;
  k6) version=$K6_VERSION ;;
  *) echo "ensure-go-tool: unknown tool '$tool' (known: kube-apiserver, kube-controller-manager, kube-scheduler, kube-proxy, kubelet, kubeadm, kubectl, etcd, helm, promtool, k6)" >&2; exit 2 ;;
esac

target_dir="$cache/$tool-$version"
binary="$target_dir/$tool"
if [ -x "$binary" ]; then
  echo "$binary"
  exit 0
fi

command -v go >/dev/null || { echo "ensure-go-tool: Go is not installed; it is needed to build $tool" >&2; exit 1; }
mkdir -p "$target_dir"
work=$(mktemp -d "${TMPDIR:-/tmp}/go-tool-$tool.XXXXXX")
trap 'rm -rf "$work"' EXIT
export GOFLAGS=-mod=mod GOTOOLCHAIN=local CGO_ENABLED=0

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
  printf 'package main\n\nimport _ "k8s.io/kubernetes/cmd/%s"\n' "$tool" >"$work/tools.go"
}

# A command whose module builds as a plain dependency: a throwaway module requiring it.
build_command() {
  local module=$1 package=$2
  printf 'module pyairtable.local/%s\n\ngo 1.26\n' "$tool" >"$work/go.mod"
  (cd "$work" && go get "$package@$version" >&2 &&
    go build -trimpath -ldflags "-s -w" -o "$work/$tool" "$package" >&2)
}

case "$tool" in
  helm) build_command helm.sh/helm/v4 helm.sh/helm/v4/cmd/helm ;;
  promtool) build_command github.com/prometheus/prometheus github.com/prometheus/prometheus/cmd/promtool ;;
  k6) build_command go.k6.io/k6 go.k6.io/k6 ;;
  kube-apiserver | kube-controller-manager | kube-scheduler | kube-proxy | kubelet | kubeadm | kubectl)
    kubernetes_module
    rm "$work/tools.go"
    (cd "$work" && go mod download k8s.io/kubernetes && go get "k8s.io/kubernetes/cmd/$tool@$KUBERNETES_VERSION" >&2 &&
      go build -trimpath -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=$KUBERNETES_VERSION -X k8s.io/client-go/pkg/version.gitVersion=$KUBERNETES_VERSION" \
        -o "$work/$tool" "k8s.io/kubernetes/cmd/$tool" >&2)
    ;;
  etcd)
    cat >"$work/go.mod" <<MOD
module pyairtable.local/etcd

go 1.26

require go.etcd.io/etcd/server/v3 $ETCD_VERSION
MOD
    cat >"$work/main.go" <<'MAIN'
// The etcd server binary: etcd's own main package is not importable, so this wraps etcdmain.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
MAIN
    (cd "$work" && go mod tidy >&2 && go build -trimpath -ldflags "-s -w" -o "$work/$tool" . >&2)
    ;;
esac

mv "$work/$tool" "$binary.partial"
mv "$binary.partial" "$binary"
echo "$binary"

#!/usr/bin/env bash
# Builds a component of the local cluster from its Go module, once per version, into the cache
# the repository's other Go tools share (PYAIRTABLE_TOOLS_CACHE, default
# ~/.cache/pyairtable-tools); prints the binary's path.
#
#   infra/local-cluster/build-go-component.sh coredns   # -> $CACHE/coredns-v1.14.6/coredns
#
# Kubernetes' own binaries come from tests/go-tools/ensure-go-tool.sh; the versions here are
# the ones kubeadm v1.37.2 asks for (`kubeadm config images list`) where it asks for one. Each
# module is built in its own tree, with its own go.mod, so its replace directives hold.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/versions.sh"
# etcd as kubeadm v1.37.2 names it (versions.sh's ETCD_IMAGE_TAG), the distribution registry of
# the official registry:3 image line.
ETCD_VERSION=v${ETCD_IMAGE_TAG%-*}
DISTRIBUTION_VERSION=v3.1.2

component=${1:?usage: build-go-component.sh <coredns|etcd|metrics-server|local-path-provisioner|registry>}
cache=${PYAIRTABLE_TOOLS_CACHE:-$HOME/.cache/pyairtable-tools}

case "$component" in
  coredns) module=github.com/coredns/coredns version=$COREDNS_VERSION package=. ;;
  etcd) module=go.etcd.io/etcd/server/v3 version=$ETCD_VERSION package='' ;;
  metrics-server) module=sigs.k8s.io/metrics-server version=$METRICS_SERVER_VERSION package=./cmd/metrics-server ;;
  local-path-provisioner) module=github.com/rancher/local-path-provisioner version=$LOCAL_PATH_PROVISIONER_VERSION package=. ;;
  registry) module=github.com/distribution/distribution/v3 version=$DISTRIBUTION_VERSION package=./cmd/registry ;;
  *) echo "build-go-component: unknown component '$component' (known: coredns, etcd, metrics-server, local-path-provisioner, registry)" >&2; exit 2 ;;
esac

# The cluster's etcd is kubeadm's version, not the one the tests' control plane runs.
name=$component
[ "$component" != etcd ] || name=etcd-server
binary="$cache/$name-$version/$component"
if [ -x "$binary" ]; then
  echo "$binary"
  exit 0
fi

command -v go >/dev/null || { echo "build-go-component: Go is not installed; it is needed to build $component" >&2; exit 1; }
mkdir -p "$(dirname "$binary")"
work=$(mktemp -d "${TMPDIR:-/tmp}/go-component-$component.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
export GOFLAGS=-mod=mod GOTOOLCHAIN=local CGO_ENABLED=0

if [ "$component" = etcd ]; then
  # etcd's own main package is not importable: a one-file main around etcdmain.
  printf 'module pyairtable.local/etcd\n\ngo 1.26\n\nrequire %s %s\n' "$module" "$version" >"$work/go.mod"
  printf 'package main\n\nimport (\n\t"os"\n\n\t"go.etcd.io/etcd/server/v3/etcdmain"\n)\n\nfunc main() { etcdmain.Main(os.Args) }\n' >"$work/main.go"
  (cd "$work" && go mod tidy >&2 && go build -trimpath -ldflags "-s -w" -o "$work/$component" . >&2)
else
  dir=$(go mod download -json "$module@$version" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] || { echo "build-go-component: could not download $module@$version" >&2; exit 1; }
  cp -r "$dir" "$work/src"
  chmod -R u+w "$work/src"
  rm -rf "$work/src/vendor"
  ldflags="-s -w"
  case "$component" in
    coredns) ldflags="$ldflags -X github.com/coredns/coredns/coremain.GitCommit=$version" ;;
    metrics-server) ldflags="$ldflags -X sigs.k8s.io/metrics-server/pkg/version.gitVersion=$version" ;;
    registry) ldflags="$ldflags -X github.com/distribution/distribution/v3/version.version=$version" ;;
  esac
  (cd "$work/src" && go build -trimpath -ldflags "$ldflags" -o "$work/$component" "$package" >&2)
fi

mv "$work/$component" "$binary.partial"
mv "$binary.partial" "$binary"
echo "$binary"

#!/usr/bin/env bash
# Builds a component of the local cluster from its Go module, once per version, into the cache
# the repository's other Go tools share (tests/go-tools/go-build.sh); prints the binary's path.
#
#   infra/local-cluster/build-go-component.sh coredns   # -> $CACHE/coredns-v1.14.6/coredns
#
# Kubernetes' own binaries come from tests/go-tools/ensure-go-tool.sh; the versions here are
# the ones kubeadm v1.37.2 asks for (`kubeadm config images list`) where it asks for one. Each
# module is built in its own tree, with its own go.mod, so its replace directives hold.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/versions.sh"
. "$here/../../tests/go-tools/go-build.sh"
# etcd as kubeadm v1.37.2 names it (versions.sh's ETCD_IMAGE_TAG), the distribution registry of
# the official registry:3 image line.
ETCD_VERSION=v${ETCD_IMAGE_TAG%-*}
DISTRIBUTION_VERSION=v3.1.2

component=${1:?usage: build-go-component.sh <coredns|etcd|metrics-server|local-path-provisioner|registry>}

case "$component" in
  coredns) module=github.com/coredns/coredns version=$COREDNS_VERSION package=. ;;
  etcd) module=go.etcd.io/etcd/server/v3 version=$ETCD_VERSION package=. ;;
  metrics-server) module=sigs.k8s.io/metrics-server version=$METRICS_SERVER_VERSION package=./cmd/metrics-server ;;
  local-path-provisioner) module=github.com/rancher/local-path-provisioner version=$LOCAL_PATH_PROVISIONER_VERSION package=. ;;
  registry) module=github.com/distribution/distribution/v3 version=$DISTRIBUTION_VERSION package=./cmd/registry ;;
  *) echo "build-go-component: unknown component '$component' (known: coredns, etcd, metrics-server, local-path-provisioner, registry)" >&2; exit 2 ;;
esac

# The cluster's etcd is kubeadm's version, cached apart from the one the tests' control plane runs.
name=$component
[ "$component" != etcd ] || name=etcd-server
go_build_begin build-go-component "$component" "$go_build_cache/$name-$version/$component"

ldflags="-s -w"
case "$component" in
  etcd) etcd_main "$version" && source_dir=$work ;;
  *) module_tree "$module" "$version" && source_dir=$work/src ;;
esac
case "$component" in
  coredns) ldflags="$ldflags -X github.com/coredns/coredns/coremain.GitCommit=$version" ;;
  metrics-server) ldflags="$ldflags -X sigs.k8s.io/metrics-server/pkg/version.gitVersion=$version" ;;
  registry) ldflags="$ldflags -X github.com/distribution/distribution/v3/version.version=$version" ;;
esac
(cd "$source_dir" && go build -trimpath -ldflags "$ldflags" -o "$work/$component" "$package" >&2)

go_build_finish "$work/$component"

#!/usr/bin/env bash
# Builds every image the local cluster runs, into the local cluster's dockerd
# (infra/local-cluster/dockerd.sh), without pulling anything: no image registry is reachable
# from these machines. Each image is labelled with a hash of what it was built from and is
# rebuilt only when that changes; `--rebuild` builds them all again.
#
#   infra/local-cluster/build-images.sh [--rebuild]
#
#   debian:trixie-slim             debootstrap --variant=minbase trixie, imported
#   node:24.21.0-trixie-slim       the repository's Node binary + npm from the npm registry
#   pyairtable-local/kind-base     kind's base image from Debian's systemd, containerd, runc, CNI
#   registry.k8s.io/*              kube-apiserver … kube-proxy, etcd, CoreDNS, pause and
#                                  metrics-server, from their Go modules (pause from its C source)
#   rancher/local-path-provisioner, pyairtable-local/{local-path-helper,pod-network}
#   pyairtable-local/{postgres,redis,prometheus,metrics-adapter,registry}   the infra profile
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/versions.sh"
. "$root/tests/go-tools/go-build.sh"
export DOCKER_HOST=${DOCKER_HOST:-$("$here/dockerd.sh" host)}

rebuild=false
[ "${1:-}" != --rebuild ] || rebuild=true
work=$(mktemp -d "${TMPDIR:-/tmp}/local-cluster-images.XXXXXX")
trap 'rm -rf "$work"' EXIT
step() { echo "build-images: $*" >&2; }

label=io.pyairtable.inputs
# The hash of a build's inputs: every file in the given directories and files, by content.
inputs_hash() { find "$@" -type f -print0 | sort -z | xargs -0 cat | sha256sum | cut -c1-16; }
current() {
  ! $rebuild &&
    [ "$(docker image inspect --format "{{index .Config.Labels \"$label\"}}" "$1" 2>/dev/null || true)" = "$2" ]
}
# Debian's docker CLI: it drives dockerd's built-in BuildKit without the buildx plugin.
build() {
  local image=$1 context=$2
  shift 2
  step "$image"
  DOCKER_BUILDKIT=1 /usr/bin/docker build --quiet --label "$label=$(inputs_hash "$context")" \
    --tag "$image" "$@" "$context" >/dev/null
}
# A build context: a directory of images/ plus extra files.
context_of() {
  local dir=$1
  shift
  rm -rf "$work/context" && cp -r "$here/images/$dir" "$work/context"
  for extra in "$@"; do cp -r "$extra" "$work/context/"; done
  echo "$work/context"
}
build_unless_current() {
  local image=$1 context=$2
  shift 2
  current "$image" "$(inputs_hash "$context")" || build "$image" "$context" "$@"
}

# A Debian 13 minbase root filesystem, with the dpkg settings of Debian's official slim image.
debian_inputs=$(echo "debootstrap minbase trixie $DEBIAN_MIRROR" | sha256sum | cut -c1-16)
if ! current debian:trixie-slim "$debian_inputs"; then
  step "debian:trixie-slim (debootstrap)"
  command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >&2
  rootfs="$work/trixie"
  debootstrap --variant=minbase trixie "$rootfs" "$DEBIAN_MIRROR" >"$work/debootstrap.log" 2>&1 ||
    { tail -n 20 "$work/debootstrap.log" >&2; exit 1; }
  printf 'path-exclude /usr/share/doc/*\npath-include /usr/share/doc/*/copyright\npath-exclude /usr/share/man/*\npath-exclude /usr/share/info/*\n' \
    >"$rootfs/etc/dpkg/dpkg.cfg.d/docker"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . |
    docker import --change 'CMD ["bash"]' --change "LABEL $label=$debian_inputs" - debian:trixie-slim >/dev/null
  rm -rf "$rootfs"
fi

node_binary="$root/node_modules/node/bin/node"
[ -x "$node_binary" ] || { echo "build-images: $node_binary is missing; run npm install first" >&2; exit 1; }
[ "$("$node_binary" --version)" = "v$NODE_VERSION" ] ||
  { echo "build-images: the repository's node is $("$node_binary" --version), versions.sh says v$NODE_VERSION" >&2; exit 1; }
node_context=$(context_of node "$node_binary")
mkdir -p "$node_context/extra-ca"
for certificate in /usr/local/share/ca-certificates/*.crt; do
  [ ! -f "$certificate" ] || cp "$certificate" "$node_context/extra-ca/"
done
if ! current "$NODE_IMAGE" "$(inputs_hash "$node_context")-$NPM_VERSION"; then
  step "$NODE_IMAGE"
  hash="$(inputs_hash "$node_context")-$NPM_VERSION"
  (cd "$node_context" && npm pack --silent "npm@$NPM_VERSION" >/dev/null && mkdir npm &&
    tar -xzf npm-*.tgz -C npm --strip-components=1 && rm npm-*.tgz)
  DOCKER_BUILDKIT=1 /usr/bin/docker build --quiet --label "$label=$hash" --tag "$NODE_IMAGE" "$node_context" >/dev/null
fi

# kind's own node files (systemd units, containerd config, entrypoint) from the pinned module.
kind_module=$(module_dir sigs.k8s.io/kind "$KIND_VERSION")
kind_context=$(context_of kind-base "$here/runc-without-sys-resource.sh")
cp -r "$kind_module/images/base/files" "$kind_context/kind" && chmod -R u+w "$kind_context/kind"
build_unless_current "$KIND_BASE_IMAGE" "$kind_context"

# An image of one static binary and nothing else.
binary_image() {
  local image=$1 binary=$2 name
  name=$(basename "$binary")
  rm -rf "$work/binary" && mkdir -p "$work/binary" && cp "$binary" "$work/binary/$name"
  printf 'FROM scratch\nCOPY %s /usr/local/bin/%s\nENTRYPOINT ["/usr/local/bin/%s"]\n' "$name" "$name" "$name" \
    >"$work/binary/Dockerfile"
  build_unless_current "$image" "$work/binary"
}
go_tool() { "$root/tests/go-tools/ensure-go-tool.sh" "$1"; }
component() { "$here/build-go-component.sh" "$1"; }

for binary in kube-apiserver kube-controller-manager kube-scheduler; do
  binary_image "registry.k8s.io/$binary:$KUBERNETES_VERSION" "$(go_tool "$binary")"
done
binary_image "registry.k8s.io/etcd:$ETCD_IMAGE_TAG" "$(component etcd)"
binary_image "registry.k8s.io/coredns/coredns:$COREDNS_VERSION" "$(component coredns)"
binary_image "registry.k8s.io/metrics-server/metrics-server:$METRICS_SERVER_VERSION" "$(component metrics-server)"
binary_image "docker.io/rancher/local-path-provisioner:$LOCAL_PATH_PROVISIONER_VERSION" "$(component local-path-provisioner)"
binary_image "$REGISTRY_IMAGE" "$(component registry)"

build_unless_current "registry.k8s.io/kube-proxy:$KUBERNETES_VERSION" "$(context_of kube-proxy "$(go_tool kube-proxy)")"
kubernetes_module=$(module_dir k8s.io/kubernetes "$KUBERNETES_VERSION")
build_unless_current "registry.k8s.io/pause:$PAUSE_VERSION" \
  "$(context_of pause "$kubernetes_module/build/pause/linux/pause.c")" --build-arg "PAUSE_VERSION=$PAUSE_VERSION"
build_unless_current "$POD_NETWORK_IMAGE" "$(context_of pod-network)"
build_unless_current "$LOCAL_PATH_HELPER_IMAGE" "$(context_of local-path-helper)"
build_unless_current "$POSTGRES_IMAGE" "$(context_of postgres)"
build_unless_current "$REDIS_IMAGE" "$(context_of redis)"
build_unless_current "$PROMETHEUS_IMAGE" "$(context_of prometheus)"
build_unless_current "$METRICS_ADAPTER_IMAGE" "$(context_of metrics-adapter "$here/metrics-adapter/src")" \
  --build-arg "NODE_IMAGE=$NODE_IMAGE"
step "all images current"

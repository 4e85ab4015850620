#!/usr/bin/env bash
# Builds the kind node image offline, the way `kind build node-image` does — a container of the
# base image gets the Kubernetes binaries and the images the cluster boots with, loaded into its
# containerd, and is committed — except that every image comes from this machine's dockerd
# (build-images.sh) instead of a registry, which `kind build node-image` would pull from.
#
#   infra/local-cluster/build-node-image.sh     # -> versions.sh's KIND_NODE_IMAGE
#
# Rebuilt only when its inputs (binaries, images, manifests) change: the node image is labelled
# with their hash.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/versions.sh"
export DOCKER_HOST=${DOCKER_HOST:-$("$here/dockerd.sh" host)}
label=io.pyairtable.inputs

images=(
  "registry.k8s.io/kube-apiserver:$KUBERNETES_VERSION"
  "registry.k8s.io/kube-controller-manager:$KUBERNETES_VERSION"
  "registry.k8s.io/kube-scheduler:$KUBERNETES_VERSION"
  "registry.k8s.io/kube-proxy:$KUBERNETES_VERSION"
  "registry.k8s.io/etcd:$ETCD_IMAGE_TAG"
  "registry.k8s.io/coredns/coredns:$COREDNS_VERSION"
  "registry.k8s.io/pause:$PAUSE_VERSION"
  "registry.k8s.io/metrics-server/metrics-server:$METRICS_SERVER_VERSION"
  "docker.io/rancher/local-path-provisioner:$LOCAL_PATH_PROVISIONER_VERSION"
  "$POD_NETWORK_IMAGE"
  "$LOCAL_PATH_HELPER_IMAGE"
)
binaries=()
for tool in kubeadm kubelet kubectl; do binaries+=("$("$root/tests/go-tools/ensure-go-tool.sh" "$tool")"); done

inputs=$(
  {
    docker image inspect --format '{{.Id}}' "$KIND_BASE_IMAGE" "${images[@]}"
    sha256sum "${binaries[@]}" "$here/manifests/storage.yaml" | cut -d' ' -f1
  } | sha256sum | cut -c1-16
)
if [ "$(docker image inspect --format "{{index .Config.Labels \"$label\"}}" "$KIND_NODE_IMAGE" 2>/dev/null || true)" = "$inputs" ]; then
  echo "build-node-image: $KIND_NODE_IMAGE is current" >&2
  exit 0
fi

echo "build-node-image: $KIND_NODE_IMAGE" >&2
container=$(docker run --detach --privileged --entrypoint=sleep "$KIND_BASE_IMAGE" infinity)
trap 'docker rm --force --volumes "$container" >/dev/null' EXIT
in_node() { docker exec "$container" "$@"; }

for binary in "${binaries[@]}"; do docker cp "$binary" "$container:/usr/bin/$(basename "$binary")"; done
echo "$KUBERNETES_VERSION" | docker exec -i "$container" sh -c 'cat >/kind/version'
in_node mkdir -p /kind/manifests
docker exec -i "$container" sh -c 'cat >/kind/manifests/default-storage.yaml' <"$here/manifests/storage.yaml"
# The sandbox image the pinned kubeadm expects, in place of the one kind's containerd config names.
in_node sed -i "s#registry.k8s.io/pause:[0-9.]*#registry.k8s.io/pause:$PAUSE_VERSION#" /etc/containerd/config.toml

# containerd in the build container, to import the images as kind does (pinned, not unpacked).
docker exec --detach "$container" containerd
for _ in $(seq 1 30); do in_node ctr version >/dev/null 2>&1 && break; sleep 1; done
docker save "${images[@]}" |
  docker exec -i "$container" ctr --namespace=k8s.io images import \
    --label=io.cri-containerd.pinned=pinned --all-platforms --no-unpack --digests - >/dev/null
in_node ctr --namespace=k8s.io images list --quiet | grep -v '^sha256:' >&2
in_node pkill containerd
for _ in $(seq 1 30); do in_node pgrep containerd >/dev/null || break; sleep 1; done

docker commit \
  --change 'ENTRYPOINT [ "/usr/local/bin/entrypoint", "/sbin/init" ]' \
  --change 'CMD []' \
  --change "LABEL $label=$inputs" \
  "$container" "$KIND_NODE_IMAGE" >/dev/null
echo "build-node-image: $KIND_NODE_IMAGE built" >&2

#!/usr/bin/env bash
# Creates the local kind cluster of kind-config.yaml and its image registry, as kind documents
# (https://kind.sigs.k8s.io/docs/user/local-registry/); running it again changes nothing.
#
#   infra/kind/up.sh      # then: tilt up
#
# The registry runs as the container `kind-registry`: the host pushes to localhost:5001, the
# nodes pull from kind-registry:5000 (infra/kind/containerd-certs.d, mounted into every node),
# and the ConfigMap local-registry-hosting tells Tilt where to push.
set -euo pipefail
cd "$(dirname "$0")/../.."

cluster=pyairtable
registry=kind-registry
registry_port=5001
# kind from PATH, else the version the deploy tests pin, built from its Go module.
kind=${KIND:-$(command -v kind || tests/deploy/ensure-deploy-tool.sh kind)}

if [ "$(docker inspect --format '{{.State.Running}}' "$registry" 2>/dev/null || true)" != true ]; then
  docker rm --force "$registry" >/dev/null 2>&1 || true
  docker run --detach --restart=always --name "$registry" \
    --publish "127.0.0.1:${registry_port}:5000" registry:3
fi

if ! "$kind" get clusters | grep -qx "$cluster"; then
  "$kind" create cluster --config kind-config.yaml
fi

if [ "$(docker inspect --format '{{json .NetworkSettings.Networks.kind}}' "$registry")" = null ]; then
  docker network connect kind "$registry"
fi

kubectl --context "kind-$cluster" apply --filename infra/kind/local-registry-hosting.yaml

# The versions and image names of the local cluster, in one place (sourced by the scripts
# beside it; infra/local-cluster/cluster.ts reads the same names from here).
KUBERNETES_VERSION=v1.37.2
KIND_VERSION=v0.33.0
# What kubeadm v1.37.2 asks for (`kubeadm config images list`): etcd 3.7.0, CoreDNS v1.14.6,
# pause 3.10.2 (build/pause/Makefile's TAG).
ETCD_IMAGE_TAG=3.7.0-0
COREDNS_VERSION=v1.14.6
PAUSE_VERSION=3.10.2
METRICS_SERVER_VERSION=v0.9.0
LOCAL_PATH_PROVISIONER_VERSION=v0.0.30
# The Node release of the repository's `node` dev dependency, and an npm of the same line.
NODE_VERSION=24.21.0
NPM_VERSION=11.19.1
DEBIAN_MIRROR=http://deb.debian.org/debian

NODE_IMAGE=node:$NODE_VERSION-trixie-slim
KIND_BASE_IMAGE=pyairtable-local/kind-base:1
KIND_NODE_IMAGE=pyairtable-local/kind-node:$KUBERNETES_VERSION
POD_NETWORK_IMAGE=pyairtable-local/pod-network:1
LOCAL_PATH_HELPER_IMAGE=pyairtable-local/local-path-helper:1
POSTGRES_IMAGE=pyairtable-local/postgres:17
REDIS_IMAGE=pyairtable-local/redis:8
PROMETHEUS_IMAGE=pyairtable-local/prometheus:2
METRICS_ADAPTER_IMAGE=pyairtable-local/metrics-adapter:1
REGISTRY_IMAGE=pyairtable-local/registry:3

#!/bin/sh
# The pod network of the local kind cluster, as kindnetd makes it: each node's pods get
# addresses from the node's podCIDR through the ptp and host-local CNI plugins (Debian's, in the
# node image), every node routes the other nodes' podCIDRs to those nodes over the nodes' shared
# Docker network, and traffic from pods to anything outside the pod subnet is masqueraded.
#
# Runs in a privileged, host-network DaemonSet pod (manifests/pod-network.yaml). Every
# SYNC_SECONDS it lists the nodes through the Kubernetes API and converges: the CNI config for
# this node (written once its podCIDR is known; the kubelet reports the node Ready after), a
# route per other node, and one MASQUERADE rule.
set -eu

: "${NODE_NAME:?NODE_NAME is required (the downward API's spec.nodeName)}"
: "${POD_SUBNET:?POD_SUBNET is required (the cluster's pod subnet, e.g. 10.244.0.0/16)}"
sync_seconds=${SYNC_SECONDS:-10}
cni_config_dir=${CNI_CONFIG_DIR:-/etc/cni/net.d}
account=${SERVICE_ACCOUNT_DIR:-/var/run/secrets/kubernetes.io/serviceaccount}
api="https://${KUBERNETES_SERVICE_HOST}:${KUBERNETES_SERVICE_PORT}"

# The node's iptables may be the legacy or the nftables flavour; use the one holding more rules,
# as kind's node entrypoint decides for the node itself.
count_rules() { { "$1-save" 2>/dev/null || true; } | grep -c '^-' || true; }
if [ "$(count_rules iptables-legacy)" -ge "$(count_rules iptables-nft)" ]; then
  iptables=iptables-legacy
else
  iptables=iptables-nft
fi
echo "pod-network: node $NODE_NAME, pod subnet $POD_SUBNET, $iptables"

write_cni_config() {
  pod_cidr=$1
  target="$cni_config_dir/10-pod-network.conflist"
  config=$(jq -n --arg subnet "$pod_cidr" '{
    cniVersion: "0.4.0",
    name: "pod-network",
    plugins: [
      { type: "ptp", ipMasq: false, mtu: 1500,
        ipam: { type: "host-local", dataDir: "/run/cni-ipam-state",
                routes: [{ dst: "0.0.0.0/0" }], ranges: [[{ subnet: $subnet }]] } },
      { type: "portmap", capabilities: { portMappings: true } }
    ]
  }')
  if [ "$(cat "$target" 2>/dev/null || true)" != "$config" ]; then
    printf '%s\n' "$config" >"$target.tmp"
    mv "$target.tmp" "$target"
    echo "pod-network: wrote $target for $pod_cidr"
  fi
}

sync_once() {
  nodes=$(curl --silent --show-error --fail --cacert "$account/ca.crt" \
    --header "Authorization: Bearer $(cat "$account/token")" "$api/api/v1/nodes") || return 1
  printf '%s' "$nodes" | jq -r '.items[]
    | [.metadata.name, (.spec.podCIDR // ""),
       ([.status.addresses[]? | select(.type == "InternalIP") | .address] | first // "")]
    | join("|")' |
    # Not tabs: read collapses runs of IFS whitespace, so a node without a podCIDR yet
    # ("name<TAB><TAB>ip") would have its InternalIP read as its podCIDR.
    while IFS='|' read -r name pod_cidr address; do
      [ -n "$pod_cidr" ] || continue
      if [ "$name" = "$NODE_NAME" ]; then
        write_cni_config "$pod_cidr"
      elif [ -n "$address" ]; then
        ip route replace "$pod_cidr" via "$address"
      fi
    done
  if ! "$iptables" -t nat -C POSTROUTING -s "$POD_SUBNET" ! -d "$POD_SUBNET" -j MASQUERADE 2>/dev/null; then
    "$iptables" -t nat -A POSTROUTING -s "$POD_SUBNET" ! -d "$POD_SUBNET" -j MASQUERADE
    echo "pod-network: masquerading $POD_SUBNET"
  fi
}

trap 'exit 0' TERM INT
while :; do
  sync_once || echo "pod-network: listing nodes failed; retrying in ${sync_seconds}s" >&2
  sleep "$sync_seconds" &
  wait $!
done

/**
 * The kind config `npm run cluster:up` creates its cluster from: the repository's
 * kind-config.yaml (nodes, published ports, the local registry) plus what a cluster built
 * offline on these machines needs (infra/local-cluster/README.md):
 *
 * - every node from the locally built node image;
 * - kind's default CNI off: kindnetd's module is refused by the Go module proxy here, and the
 *   pod network is infra/local-cluster's own DaemonSet, applied right after creation;
 * - kube-proxy in nftables mode (its image carries nft; the nodes keep their own iptables);
 * - containerd's restrict_oom_score_adj: pod sandboxes ask for oom_score_adj -998, which needs
 *   CAP_SYS_RESOURCE — the capability these machines' bounding set lacks;
 * - on a cgroup v1 host, the kubelet told to run anyway (Kubernetes ≥ 1.35 refuses by default).
 */
import { dumpYaml, loadYaml } from '@kubernetes/client-node';

/** What differs between machines. */
export interface OfflineKindOptions {
  readonly nodeImage: string;
  readonly cgroupV1: boolean;
}

interface KindNode {
  role?: string;
  image?: string;
  [key: string]: unknown;
}

interface KindConfig {
  kind?: string;
  networking?: Record<string, unknown>;
  containerdConfigPatches?: string[];
  kubeadmConfigPatches?: string[];
  nodes?: KindNode[];
  [key: string]: unknown;
}

/** The pod subnet kind gives a cluster unless told otherwise; the pod network routes it. */
export const DEFAULT_POD_SUBNET = '10.244.0.0/16';

const RESTRICT_OOM_SCORE_ADJ = [
  '[plugins."io.containerd.grpc.v1.cri"]',
  '  restrict_oom_score_adj = true',
].join('\n');

const KUBELET_ON_CGROUP_V1 = ['kind: KubeletConfiguration', 'failCgroupV1: false', ''].join('\n');

/** kind-config.yaml's text → the offline cluster's config text. */
export function offlineKindConfig(source: string, options: OfflineKindOptions): string {
  const config = loadYaml<KindConfig>(source);
  if (config.kind !== 'Cluster' || !Array.isArray(config.nodes) || config.nodes.length === 0) {
    throw new Error('kind-config.yaml is not a kind Cluster with nodes');
  }
  const networking = { ...(config.networking ?? {}) };
  networking['disableDefaultCNI'] = true;
  networking['kubeProxyMode'] = 'nftables';
  const offline: KindConfig = {
    ...config,
    networking,
    containerdConfigPatches: [...(config.containerdConfigPatches ?? []), RESTRICT_OOM_SCORE_ADJ],
    kubeadmConfigPatches: [
      ...(config.kubeadmConfigPatches ?? []),
      ...(options.cgroupV1 ? [KUBELET_ON_CGROUP_V1] : []),
    ],
    nodes: config.nodes.map((node) => ({ ...node, image: options.nodeImage })),
  };
  return dumpYaml(offline);
}

/** The pod subnet of a kind config (kind's default when it names none). */
export function podSubnetOf(configText: string): string {
  const config = loadYaml<KindConfig>(configText);
  const subnet = config.networking?.['podSubnet'];
  return typeof subnet === 'string' && subnet !== '' ? subnet : DEFAULT_POD_SUBNET;
}

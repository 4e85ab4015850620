/**
 * The kind config `npm run cluster:up` generates from kind-config.yaml, read by kind's own
 * loader and validation (tests/deploy/kind-config-check.go, compiled from kind's module): the
 * repository's nodes, ports and registry wiring kept, plus what an offline cluster on these
 * machines needs — the local node image, no kindnetd, kube-proxy on nftables, containerd
 * restricting oom_score_adj, and the kubelet allowed onto cgroup v1 only where the host has it.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadYaml } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDeployTool, runTool } from '../deploy/deploy-tools.ts';
import { REPOSITORY_ROOT } from '../deploy/dockerfile-model.ts';
import { DEFAULT_POD_SUBNET, offlineKindConfig, podSubnetOf } from './offline-kind-config.ts';

interface KindReport {
  readonly name: string;
  readonly nodes: {
    role: string;
    image: string;
    extraPortMappings: { hostPort: number; listenAddress: string }[];
  }[];
  readonly containerd: { plugins: Record<string, Record<string, unknown>> };
}

interface GeneratedConfig {
  readonly networking: Record<string, unknown>;
  readonly kubeadmConfigPatches?: string[];
}

const NODE_IMAGE = 'pyairtable-local/kind-node:v1.37.2';
let checker = '';
let scratch = '';
let source = '';

async function checked(config: string): Promise<KindReport> {
  const file = path.join(scratch, `kind-${String(Math.random()).slice(2)}.yaml`);
  await writeFile(file, config);
  const result = await runTool(checker, [file], { cwd: REPOSITORY_ROOT });
  if (result.exitCode !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as KindReport;
}

beforeAll(async () => {
  checker = await ensureDeployTool('kind-config-check');
  scratch = await mkdtemp(path.join(tmpdir(), 'offline-kind-'));
  source = await readFile(path.join(REPOSITORY_ROOT, 'kind-config.yaml'), 'utf8');
}, 30 * 60_000);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('the offline kind config', () => {
  it('passes kind validation with every node on the local node image and the ports kept on loopback', async () => {
    const report = await checked(
      offlineKindConfig(source, { nodeImage: NODE_IMAGE, cgroupV1: true }),
    );
    expect(report.name).toBe('pyairtable');
    expect(report.nodes.map((node) => node.role)).toEqual(['control-plane', 'worker']);
    expect(report.nodes.every((node) => node.image === NODE_IMAGE)).toBe(true);
    const ports = report.nodes.flatMap((node) => node.extraPortMappings);
    expect(ports.map((port) => port.hostPort)).toEqual(expect.arrayContaining([8000]));
    expect(ports.every((port) => port.listenAddress === '127.0.0.1')).toBe(true);
  });

  it("keeps the registry's config_path and makes containerd restrict oom_score_adj", async () => {
    const report = await checked(
      offlineKindConfig(source, { nodeImage: NODE_IMAGE, cgroupV1: false }),
    );
    const cri = report.containerd.plugins['io.containerd.grpc.v1.cri'] as {
      restrict_oom_score_adj: boolean;
      registry: { config_path: string };
    };
    expect(cri.restrict_oom_score_adj).toBe(true);
    expect(cri.registry.config_path).toBe('/etc/containerd/certs.d');
  });

  it('turns kindnetd off and kube-proxy to nftables', () => {
    const config = loadYaml<GeneratedConfig>(
      offlineKindConfig(source, { nodeImage: NODE_IMAGE, cgroupV1: false }),
    );
    expect(config.networking['disableDefaultCNI']).toBe(true);
    expect(config.networking['kubeProxyMode']).toBe('nftables');
  });

  it('lets the kubelet run on cgroup v1 only when the host has it', () => {
    const onV1 = loadYaml<GeneratedConfig>(
      offlineKindConfig(source, { nodeImage: NODE_IMAGE, cgroupV1: true }),
    );
    const onV2 = loadYaml<GeneratedConfig>(
      offlineKindConfig(source, { nodeImage: NODE_IMAGE, cgroupV1: false }),
    );
    const kubelet = (onV1.kubeadmConfigPatches ?? []).map((patch) =>
      loadYaml<Record<string, unknown>>(patch),
    );
    expect(kubelet).toContainEqual({ kind: 'KubeletConfiguration', failCgroupV1: false });
    expect(onV2.kubeadmConfigPatches ?? []).toEqual([]);
  });

  it("routes kind's default pod subnet unless the config names one", () => {
    expect(podSubnetOf(offlineKindConfig(source, { nodeImage: NODE_IMAGE, cgroupV1: false }))).toBe(
      DEFAULT_POD_SUBNET,
    );
    const custom = source.replace(
      'name: pyairtable',
      'name: pyairtable\nnetworking:\n  podSubnet: 10.50.0.0/16',
    );
    expect(podSubnetOf(offlineKindConfig(custom, { nodeImage: NODE_IMAGE, cgroupV1: false }))).toBe(
      '10.50.0.0/16',
    );
  });

  it('refuses a file that is not a kind Cluster', () => {
    expect(() =>
      offlineKindConfig('kind: Pod\n', { nodeImage: NODE_IMAGE, cgroupV1: false }),
    ).toThrow('not a kind Cluster');
  });
});

/**
 * kind-config.yaml as kind itself reads it — its own loader and validation, compiled from kind's
 * module (no container runtime here, so `kind create cluster` cannot run): one control-plane
 * and one worker, NodePorts published on loopback only, and the local registry wired as kind
 * documents for containerd 2 (config_path patch, hosts.toml mounted into every node), with the
 * registry container and Tilt's ConfigMap as infra/kind/up.sh creates them.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadYaml } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDeployTool, runTool } from './deploy-tools.ts';
import { REPOSITORY_ROOT } from './dockerfile-model.ts';

interface KindReport {
  readonly name: string;
  readonly nodes: {
    readonly role: string;
    readonly extraPortMappings: {
      containerPort: number;
      hostPort: number;
      listenAddress: string;
      protocol: string;
    }[];
    readonly extraMounts: { hostPath: string; containerPath: string; readOnly: boolean }[];
  }[];
  readonly containerd: Record<string, unknown>;
  readonly hostsToml: Record<string, Record<string, unknown>>;
}

const CERTS_DIR = '/etc/containerd/certs.d';
let checker = '';
let scratch = '';
let report: KindReport;

const check = (file: string) => runTool(checker, [file], { cwd: REPOSITORY_ROOT });

beforeAll(async () => {
  checker = await ensureDeployTool('kind-config-check');
  scratch = await mkdtemp(path.join(tmpdir(), 'kind-config-'));
  const result = await check('kind-config.yaml');
  if (result.exitCode !== 0) throw new Error(`kind rejects kind-config.yaml: ${result.stderr}`);
  report = JSON.parse(result.stdout) as KindReport;
}, 30 * 60_000);

afterAll(async () => {
  if (scratch !== '') await rm(scratch, { recursive: true, force: true });
});

describe('kind-config.yaml', () => {
  it('is a cluster named pyairtable with one control-plane and one worker', () => {
    expect(report.name).toBe('pyairtable');
    expect(report.nodes.map((node) => node.role)).toEqual(['control-plane', 'worker']);
  });

  it('publishes the gateway and Grafana NodePorts on 127.0.0.1:8000 and :3000, and nothing on other addresses', () => {
    const mappings = report.nodes.flatMap((node) => node.extraPortMappings);
    expect(mappings).toEqual([
      { containerPort: 30080, hostPort: 8000, listenAddress: '127.0.0.1', protocol: 'TCP' },
      { containerPort: 30300, hostPort: 3000, listenAddress: '127.0.0.1', protocol: 'TCP' },
    ]);
  });

  it('points containerd at the registry hosts folder, in the node image config kind patches', () => {
    const cri = (report.containerd['plugins'] as Record<string, Record<string, unknown>>)[
      'io.containerd.grpc.v1.cri'
    ];
    expect(cri?.['registry']).toEqual({ config_path: CERTS_DIR });
    // kind's own settings survive the patch.
    expect(cri?.['sandbox_image']).toBeDefined();
  });

  it('mounts the registry hosts into every node, sending localhost:5001 to kind-registry:5000', () => {
    for (const node of report.nodes) {
      expect(node.extraMounts, node.role).toEqual([
        {
          hostPath: path.join(REPOSITORY_ROOT, 'infra/kind/containerd-certs.d'),
          containerPath: CERTS_DIR,
          readOnly: true,
        },
      ]);
    }
    expect(Object.keys(report.hostsToml)).toEqual([`${CERTS_DIR}/localhost:5001/hosts.toml`]);
    const hosts = report.hostsToml[`${CERTS_DIR}/localhost:5001/hosts.toml`]?.['host'] as Record<
      string,
      unknown
    >;
    expect(Object.keys(hosts)).toEqual(['http://kind-registry:5000']);
  });

  it('matches the registry infra/kind/up.sh starts and the ConfigMap Tilt reads', async () => {
    const script = await readFile(path.join(REPOSITORY_ROOT, 'infra/kind/up.sh'), 'utf8');
    expect(script).toMatch(/^registry=kind-registry$/m);
    expect(script).toMatch(/^registry_port=5001$/m);
    expect(script).toContain('--publish "127.0.0.1:${registry_port}:5000"');
    expect(script).toContain('docker network connect kind "$registry"');
    expect(script).toContain('create cluster --config kind-config.yaml');
    const configMap = loadYaml<{
      metadata: { name: string; namespace: string };
      data: Record<string, string>;
    }>(
      await readFile(path.join(REPOSITORY_ROOT, 'infra/kind/local-registry-hosting.yaml'), 'utf8'),
    );
    expect(configMap.metadata).toEqual({
      name: 'local-registry-hosting',
      namespace: 'kube-public',
    });
    expect(loadYaml(configMap.data['localRegistryHosting.v1'] ?? '')).toMatchObject({
      host: 'localhost:5001',
    });
  });
});

describe("kind's config check", () => {
  it('rejects an unknown field, as kind does', async () => {
    const text = await readFile(path.join(REPOSITORY_ROOT, 'kind-config.yaml'), 'utf8');
    const file = path.join(scratch, 'typo.yaml');
    await writeFile(file, text.replace('extraPortMappings:', 'extraPortMapping:'));
    const result = await check(file);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/extraPortMapping/);
  });

  it('rejects a cluster without a control-plane node', async () => {
    const file = path.join(scratch, 'workers.yaml');
    await writeFile(
      file,
      'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: worker\n',
    );
    const result = await check(file);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/control-plane/);
  });

  it('builds from the same kind release as the kind binary up.sh falls back to', async () => {
    const kind = await ensureDeployTool('kind');
    const version = await runTool(kind, ['version'], { cwd: REPOSITORY_ROOT });
    expect(version.stdout).toMatch(/^kind v0\.33\.0 /);
    expect(path.basename(path.dirname(checker))).toBe('kind-config-check-v0.33.0');
  });
});

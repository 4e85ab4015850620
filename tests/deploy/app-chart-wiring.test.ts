/**
 * The app chart rendered (Go-built helm) with what infrastructure gives it — Tilt's overlay on
 * kind, the Pulumi program's values in production — takes its connection settings from the
 * Secret the program writes, sends traces to Alloy, and its production NetworkPolicies allow
 * exactly the namespaces and pods the program creates Postgres, Redis and Alloy in.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { dumpYaml, loadAllYaml } from '@kubernetes/client-node';
import type { KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureGoTool } from '../envtest/index.ts';
import { REPOSITORY_ROOT } from './dockerfile-model.ts';
import { releaseValues, resource, runProgram } from './pulumi-program.ts';
import { at } from './value-path.ts';
import type { ProgramRun } from './pulumi-program.ts';

const run = promisify(execFile);
const CHART = path.join(REPOSITORY_ROOT, 'charts/pyairtable');
const CONNECTION_VARIABLES = ['DATABASE_URL', 'REDIS_URL', 'SECRET_ENCRYPTION_KEYS'];

interface Container {
  readonly name: string;
  readonly env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  readonly securityContext?: { readOnlyRootFilesystem?: boolean };
}
type Workload = KubernetesObject & { spec: { template: { spec: { containers: Container[] } } } };

let scratch = '';
let production: ProgramRun;
let tiltObjects: KubernetesObject[] = [];
let productionObjects: KubernetesObject[] = [];

async function render(valuesFiles: readonly string[]): Promise<KubernetesObject[]> {
  const helm = await ensureGoTool('helm');
  const { stdout } = await run(
    helm,
    [
      'template',
      'pyairtable',
      CHART,
      '--namespace',
      'pyairtable',
      ...valuesFiles.flatMap((file) => ['--values', file]),
    ],
    { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
  );
  return loadAllYaml(stdout) as KubernetesObject[];
}

const workloads = (objects: readonly KubernetesObject[]): Workload[] =>
  objects.filter((object): object is Workload => ['Deployment', 'Job'].includes(object.kind ?? ''));

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'app-wiring-'));
  production = await runProgram('production', {
    'pyairtable:alertWebhookUrl': 'https://alerts.example.com',
  });
  const productionValues = path.join(scratch, 'pulumi-production-values.yaml');
  await writeFile(productionValues, dumpYaml(releaseValues(production, 'pyairtable')));
  [tiltObjects, productionObjects] = await Promise.all([
    render([
      path.join(CHART, 'values-dev.yaml'),
      path.join(REPOSITORY_ROOT, 'infra/kind/tilt-values.yaml'),
    ]),
    render([path.join(CHART, 'values-production.yaml'), productionValues]),
  ]);
}, 30 * 60_000);

afterAll(async () => {
  if (scratch !== '') await rm(scratch, { recursive: true, force: true });
});

describe.each([
  ['Tilt on kind', () => tiltObjects],
  ['the production release', () => productionObjects],
])('the app chart for %s', (_name, objects) => {
  it('takes DATABASE_URL, REDIS_URL and SECRET_ENCRYPTION_KEYS from the connection Secret', () => {
    const references = workloads(objects())
      .flatMap((workload) => workload.spec.template.spec.containers)
      .flatMap((container) => container.env ?? [])
      .filter((variable) => CONNECTION_VARIABLES.includes(variable.name));
    expect(references.length).toBeGreaterThanOrEqual(CONNECTION_VARIABLES.length);
    for (const variable of references) {
      expect(variable.valueFrom?.secretKeyRef, variable.name).toEqual({
        name: 'pyairtable-connections',
        key: variable.name,
      });
    }
  });

  it('exports traces to Alloy', () => {
    const configMaps = objects().filter((object) => object.kind === 'ConfigMap');
    const endpoints = configMaps.flatMap((configMap) => {
      const value = at(configMap, 'data.OTEL_EXPORTER_OTLP_ENDPOINT');
      return value === undefined ? [] : [value];
    });
    expect(endpoints.length).toBeGreaterThan(0);
    expect(new Set(endpoints)).toEqual(new Set(['http://alloy.monitoring.svc:4318']));
  });
});

describe('Tilt on kind', () => {
  it('leaves the root filesystem writable, for live update to sync into', () => {
    for (const workload of workloads(tiltObjects).filter((item) => item.kind === 'Deployment')) {
      for (const container of workload.spec.template.spec.containers) {
        expect(container.securityContext?.readOnlyRootFilesystem, container.name).toBe(false);
      }
    }
  });

  it('serves the gateway on the NodePort kind publishes', () => {
    const gateway = tiltObjects.find(
      (object) => object.kind === 'Service' && object.metadata?.name?.endsWith('gateway'),
    );
    expect(at(gateway, 'spec.type')).toBe('NodePort');
    expect((at(gateway, 'spec.ports') as { nodePort?: number }[])[0]?.nodePort).toBe(30080);
  });
});

describe("the production release's NetworkPolicies", () => {
  const egressPeers = (): unknown[] =>
    productionObjects
      .filter((object) => object.kind === 'NetworkPolicy')
      .flatMap((policy) => (at(policy, 'spec.egress') as { to?: unknown[] }[] | undefined) ?? [])
      .flatMap((rule) => rule.to ?? []);
  const peerParts = (item: unknown): { namespace?: string; labels?: Record<string, string> } => {
    const selector = item as {
      namespaceSelector?: { matchLabels?: Record<string, string> };
      podSelector?: { matchLabels?: Record<string, string> };
    };
    const namespace = selector.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
    const labels = selector.podSelector?.matchLabels;
    return {
      ...(namespace === undefined ? {} : { namespace }),
      ...(labels === undefined ? {} : { labels }),
    };
  };
  const peer = (namespace: string, labels?: Record<string, string>) => ({
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } },
    ...(labels === undefined ? {} : { podSelector: { matchLabels: labels } }),
  });

  it('let the services reach the Postgres pods and Redis the program runs', () => {
    const cluster = resource(
      production,
      'kubernetes:postgresql.cnpg.io/v1:Cluster',
      'postgres-cluster',
    );
    const data = String(at(cluster.inputs, 'metadata.namespace'));
    expect(egressPeers()).toContainEqual(
      peer(data, { 'cnpg.io/cluster': String(at(cluster.inputs, 'metadata.name')) }),
    );
    const redisLabels = at(
      resource(production, 'kubernetes:apps/v1:StatefulSet', 'redis').inputs,
      'spec.template.metadata.labels',
    ) as Record<string, string>;
    // Redis's pods carry more labels than the policy needs: the policy's must be among them.
    const redisPeer = egressPeers().find((item) => {
      const { namespace, labels } = peerParts(item);
      return (
        namespace === data &&
        labels !== undefined &&
        Object.entries(labels).every(([key, value]) => redisLabels[key] === value)
      );
    });
    expect(redisPeer).toBeDefined();
  });

  it('let the services send traces to the namespace Alloy runs in', () => {
    const alloy = String(
      at(resource(production, 'kubernetes:helm.sh/v3:Release', 'alloy').inputs, 'namespace'),
    );
    expect(egressPeers()).toContainEqual(peer(alloy));
  });
});

/**
 * Every rendering is accepted by a real kube-apiserver: `kubectl apply --dry-run=server` with
 * strict field validation, after the chart's CRDs and those of prometheus-operator, KEDA and
 * Gateway API (from their Go modules) are installed, so schemas of Deployments, HPAs, PDBs,
 * NetworkPolicies, RBAC, ServiceMonitors, PrometheusRules, ScaledObjects and HTTPRoutes are all
 * checked by the API that will receive them.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureGoTool, kubectl } from '../envtest/index.ts';
import type { KubectlResult } from '../envtest/index.ts';
import {
  CHART_DIRECTORY,
  helmTemplate,
  KEDA_RENDERING,
  parseObjects,
  RENDERINGS,
} from './support/helm-chart.ts';
import type { Rendering } from './support/helm-chart.ts';
import { openTestCluster } from './support/test-cluster.ts';
import type { TestCluster } from './support/test-cluster.ts';
import { thirdPartyCrdFiles } from './support/third-party-crds.ts';

const HTTP_ROUTE_RENDERING: Rendering = {
  name: 'httproute',
  valuesFiles: ['values-production.yaml'],
  set: {
    'ingress.enabled': 'false',
    'httpRoute.enabled': 'true',
    'httpRoute.parentRefs[0].name': 'public',
    'httpRoute.parentRefs[0].namespace': 'gateway-system',
    'httpRoute.hostnames[0]': 'pyairtable.example.com',
    'httpRoute.requestTimeout': '0s',
  },
};

let cluster: TestCluster | undefined;
let scratch = '';

function run(args: readonly string[]): Promise<KubectlResult> {
  if (cluster === undefined) throw new Error('no cluster');
  return kubectl(cluster.kubeconfigPath, args, { timeoutMs: 180_000 });
}

beforeAll(async () => {
  await Promise.all([ensureGoTool('helm'), ensureGoTool('kubectl')]);
  cluster = await openTestCluster();
  scratch = await mkdtemp(path.join(tmpdir(), 'chart-dry-run-'));
  const chartCrds = path.join(CHART_DIRECTORY, 'crds');
  const crdFiles = [
    ...(await readdir(chartCrds)).map((file) => path.join(chartCrds, file)),
    ...(await thirdPartyCrdFiles()),
  ];
  // Server-side: prometheus-operator's CRDs exceed the annotation client-side apply writes.
  const applied = await run([
    'apply',
    '--server-side',
    ...crdFiles.flatMap((file) => ['-f', file]),
  ]);
  expect(applied.exitCode, applied.stderr).toBe(0);
  const established = await run([
    'wait',
    '--for=condition=Established',
    'crd',
    '--all',
    '--timeout=60s',
  ]);
  expect(established.exitCode, established.stderr).toBe(0);
  for (const namespace of ['pyairtable', 'monitoring', 'tenants']) {
    const created = await run(['create', 'namespace', namespace]);
    if (created.exitCode !== 0) expect(created.stderr).toContain('AlreadyExists');
  }
}, 30 * 60_000);

afterAll(async () => {
  await cluster?.stop();
  if (scratch !== '') await rm(scratch, { recursive: true, force: true });
});

async function dryRun(manifests: string, name: string): Promise<KubectlResult> {
  const file = path.join(scratch, `${name}.yaml`);
  await writeFile(file, manifests);
  return run(['apply', '--dry-run=server', '--validate=strict', '-f', file]);
}

describe('kubectl apply --dry-run=server', () => {
  it.each([...RENDERINGS, KEDA_RENDERING, HTTP_ROUTE_RENDERING])(
    'accepts every object of the $name rendering',
    async (rendering) => {
      const rendered = await helmTemplate(rendering);
      expect(rendered.exitCode, rendered.stderr).toBe(0);
      const result = await dryRun(rendered.stdout, rendering.name);
      expect(result.exitCode, result.stderr).toBe(0);
      const accepted = result.stdout
        .split('\n')
        .filter((line) => line.endsWith('(server dry run)'));
      expect(accepted).toHaveLength(parseObjects(rendered.stdout).length);
    },
  );

  it('fails on a field the API does not know (the check can fail)', async () => {
    const rendered = await helmTemplate(RENDERINGS[0]);
    const broken = rendered.stdout.replace('revisionHistoryLimit: 5', 'revisionHistoryLimits: 5');
    const result = await dryRun(broken, 'broken');
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('revisionHistoryLimits');
  });
});

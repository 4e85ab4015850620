/**
 * The Kubernetes objects the Pulumi program creates itself (not through a chart) — namespaces,
 * Secrets, Redis, the CloudNativePG Cluster, the PodMonitor — are accepted by a real
 * kube-apiserver with strict field validation, after the CRDs of the operator versions the
 * program pins are installed (from their Go modules): a misspelt field of the Cluster spec, or
 * a Redis pod the namespaces' `restricted` Pod Security level would refuse, fails here.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dumpYaml } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectl, startControlPlane } from '../envtest/index.ts';
import type { ControlPlane } from '../envtest/index.ts';
import { goModuleDirectory } from './deploy-tools.ts';
import { resource, runProgram, RELEASE } from './pulumi-program.ts';
import type { ProgramRun } from './pulumi-program.ts';
import { at, plain } from './value-path.ts';

let controlPlane: ControlPlane | undefined;
let scratch = '';
const runs = new Map<string, ProgramRun>();

const run = (args: readonly string[]) => {
  if (controlPlane === undefined) throw new Error('no control plane');
  return kubectl(controlPlane.kubeconfigPath, args, { timeoutMs: 180_000 });
};

/**
 * The operator release each pinned chart ships (its appVersion), whose CRDs the objects must fit.
 * A new pin fails here until its operator version is added.
 */
const OPERATOR_VERSIONS: Readonly<Record<string, string>> = {
  'cloudnative-pg@0.29.0': 'v1.30.0',
  'kube-prometheus-stack@88.5.3': 'v0.93.1',
};

const operatorVersion = (programRun: ProgramRun, release: string): string => {
  const pin = `${release}@${String(at(resource(programRun, RELEASE, release).inputs, 'version'))}`;
  const version = OPERATOR_VERSIONS[pin];
  if (version === undefined) throw new Error(`no operator version known for the chart ${pin}`);
  return version;
};

/** Objects created directly: every `kubernetes:` resource that is not a Helm release. */
const manifests = (programRun: ProgramRun, namespaces: boolean): unknown[] =>
  programRun.resources
    .filter((item) => item.type.startsWith('kubernetes:') && item.type !== RELEASE)
    .filter((item) => (item.type === 'kubernetes:core/v1:Namespace') === namespaces)
    .map((item) => plain(item.inputs));

async function apply(name: string, objects: readonly unknown[], dryRun: boolean) {
  const file = path.join(scratch, `${name}.yaml`);
  await writeFile(file, objects.map((object) => dumpYaml(object)).join('---\n'));
  return run([
    'apply',
    '--server-side',
    '--validate=strict',
    ...(dryRun ? ['--dry-run=server'] : []),
    '-f',
    file,
  ]);
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'pulumi-dry-run-'));
  const [kind, production] = await Promise.all([
    runProgram('kind', { 'pyairtable:appRelease': 'true' }),
    runProgram('production', { 'pyairtable:alertWebhookUrl': 'https://alerts.example.com' }),
  ]);
  runs.set('kind', kind);
  runs.set('production', production);
  const [cnpg, prometheusOperator] = await Promise.all([
    goModuleDirectory(
      'github.com/cloudnative-pg/cloudnative-pg',
      operatorVersion(kind, 'cloudnative-pg'),
    ),
    goModuleDirectory(
      'github.com/prometheus-operator/prometheus-operator',
      operatorVersion(kind, 'kube-prometheus-stack'),
    ),
    controlPlane === undefined
      ? startControlPlane().then((started) => (controlPlane = started))
      : undefined,
  ]);
  const crds = await run([
    'apply',
    '--server-side',
    '-f',
    path.join(cnpg, 'config/crd/bases/postgresql.cnpg.io_clusters.yaml'),
    '-f',
    path.join(
      prometheusOperator,
      'example/prometheus-operator-crd/monitoring.coreos.com_podmonitors.yaml',
    ),
  ]);
  if (crds.exitCode !== 0) throw new Error(crds.stderr);
  const established = await run([
    'wait',
    '--for=condition=established',
    '--timeout=60s',
    'crd',
    '--all',
  ]);
  if (established.exitCode !== 0) throw new Error(established.stderr);
  // Namespaces for real (a dry run cannot place objects in a namespace that does not exist).
  const namespaces = await apply('namespaces', manifests(kind, true), false);
  if (namespaces.exitCode !== 0) throw new Error(namespaces.stderr);
}, 30 * 60_000);

afterAll(async () => {
  await controlPlane?.stop();
  if (scratch !== '') await rm(scratch, { recursive: true, force: true });
});

describe.each(['kind', 'production'])('the objects of the %s stack', (stack) => {
  it('pass the apiserver with strict validation and no Pod Security warning', async () => {
    const programRun = runs.get(stack);
    if (programRun === undefined) throw new Error(`no ${stack} run`);
    const objects = manifests(programRun, false);
    expect(objects.map((object) => at(object, 'kind')).toSorted()).toEqual(
      [
        'Cluster',
        'PodMonitor',
        'Secret',
        'Secret',
        'Secret',
        'Secret',
        'Service',
        'StatefulSet',
      ].toSorted(),
    );
    const result = await apply(stack, objects, true);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/warning/i);
    expect(result.stdout).toMatch(
      /cluster\.postgresql\.cnpg\.io\/pyairtable-db serverside-applied \(server dry run\)/,
    );
  });
});

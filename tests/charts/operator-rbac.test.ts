/**
 * The operator's RBAC, as the chart renders it, is enough and no more: the operator, holding
 * nothing but its ServiceAccount's token bound to those roles and configured from the chart's
 * ConfigMap, elects itself leader, reconciles a Tenant and a Workspace to Ready and records
 * Events; and the same account is refused what it has no business doing. Both variants: all
 * namespaces (the default), and one watched namespace.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CoordinationV1Api, EventsV1Api, KubeConfig } from '@kubernetes/client-node';
import type { V1ConfigMap } from '@kubernetes/client-node';
import { createLogger, loadConfig, runService } from '@pyairtable/kit';
import { buildOperator, operatorConfigSchema } from '@pyairtable/operator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureGoTool, kubectl } from '../envtest/index.ts';
import {
  DEMO_ACCESS_TOKEN,
  DEMO_SALES_BASE_ID,
  openOperatorHarness,
  waitFor,
} from '../operator/support/operator-harness.ts';
import type { OperatorHarness } from '../operator/support/operator-harness.ts';
import { conditionOf, putTokenSecret, resources } from '../operator/support/resources.ts';
import {
  helmTemplate,
  named,
  NAMESPACE,
  parseDocuments,
  REQUIRED_VALUES,
} from './support/helm-chart.ts';
import { openTestCluster } from './support/test-cluster.ts';
import type { TestCluster } from './support/test-cluster.ts';

const ACCOUNT = 'pyairtable-operator';
const RBAC_KINDS = new Set([
  'ServiceAccount',
  'ClusterRole',
  'ClusterRoleBinding',
  'Role',
  'RoleBinding',
]);

let cluster: TestCluster | undefined;
let harness: OperatorHarness | undefined;
let scratch = '';

function admin(args: readonly string[]) {
  if (cluster === undefined) throw new Error('no cluster');
  return kubectl(cluster.kubeconfigPath, args);
}

beforeAll(async () => {
  await Promise.all([ensureGoTool('helm'), ensureGoTool('kubectl')]);
  cluster = await openTestCluster();
  harness = await openOperatorHarness({ kubeconfigPath: cluster.kubeconfigPath });
  scratch = await mkdtemp(path.join(tmpdir(), 'chart-rbac-'));
  const created = await admin(['create', 'namespace', NAMESPACE]);
  if (created.exitCode !== 0) expect(created.stderr).toContain('AlreadyExists');
}, 30 * 60_000);

afterAll(async () => {
  await harness?.close();
  await cluster?.stop();
  if (scratch !== '') await rm(scratch, { recursive: true, force: true });
});

/** Applies the operator's ServiceAccount and RBAC of a rendering; returns its operator ConfigMap. */
async function applyOperatorAccess(set: Record<string, string>): Promise<V1ConfigMap> {
  const rendered = await helmTemplate({ setString: { ...REQUIRED_VALUES, ...set } });
  expect(rendered.exitCode, rendered.stderr).toBe(0);
  const documents = parseDocuments(rendered.stdout);
  const access = documents.filter(
    ({ object }) =>
      RBAC_KINDS.has(object.kind ?? '') &&
      (object.kind !== 'ServiceAccount' || object.metadata?.name === ACCOUNT),
  );
  const file = path.join(scratch, `access-${randomBytes(3).toString('hex')}.yaml`);
  await writeFile(file, access.map(({ text }) => text).join('\n---\n'));
  const applied = await admin(['apply', '-f', file]);
  expect(applied.exitCode, applied.stderr).toBe(0);
  return named(
    documents.map(({ object }) => object),
    'ConfigMap',
    'pyairtable-operator',
  );
}

/** A kubeconfig that is the operator's ServiceAccount and nothing else. */
async function serviceAccountConfig(): Promise<KubeConfig> {
  const token = await admin(['create', 'token', ACCOUNT, '-n', NAMESPACE, '--duration=1h']);
  expect(token.exitCode, token.stderr).toBe(0);
  const adminConfig = new KubeConfig();
  adminConfig.loadFromFile(cluster?.kubeconfigPath ?? '');
  const server = adminConfig.getCurrentCluster();
  if (server === null) throw new Error('no cluster in the admin kubeconfig');
  const account = new KubeConfig();
  account.loadFromOptions({
    clusters: [server],
    users: [{ name: ACCOUNT, token: token.stdout.trim() }],
    contexts: [{ name: ACCOUNT, cluster: server.name, user: ACCOUNT }],
    currentContext: ACCOUNT,
  });
  return account;
}

/** Runs the operator as the chart deploys it: its ConfigMap's variables, its account, its pod name. */
async function startOperator(configMap: V1ConfigMap, kubeConfig: KubeConfig) {
  if (harness === undefined) throw new Error('no harness');
  // The chart's values for everything but the port and Airtable (the test's own emulator).
  const chartVariables = Object.fromEntries(
    Object.entries(configMap.data ?? {}).filter(
      ([name]) => name !== 'PORT' && name !== 'AIRTABLE_ENDPOINT_URL',
    ),
  );
  const config = loadConfig(operatorConfigSchema, {
    ...chartVariables,
    DATABASE_URL: harness.databaseUrl,
    SECRET_ENCRYPTION_KEYS: harness.encryptionKeys,
    AIRTABLE_ENDPOINT_URL: harness.emulatorUrl,
    POD_NAME: 'pyairtable-operator-7d4f9-x2x5q',
    LOG_LEVEL: 'silent',
  });
  const logger = createLogger({ service: 'operator', level: 'silent' });
  const operator = buildOperator({ config, kubeConfig, logger, store: harness.store });
  return runService(operator.app, {
    host: '127.0.0.1',
    port: 0,
    shutdownTimeoutMs: 5_000,
    handleSignals: false,
  });
}

/** Creates a labelled token Secret, a Tenant and a Workspace in `namespace`; waits for both Ready. */
async function reconcileTenant(namespace: string): Promise<void> {
  if (harness === undefined) throw new Error('no harness');
  const api = resources(harness.kubeConfig);
  await putTokenSecret(harness.core, namespace, 'acme-airtable', DEMO_ACCESS_TOKEN);
  await api.createTenant(namespace, 'acme', {
    displayName: 'Acme',
    airtable: { tokenSecretRef: { name: 'acme-airtable', key: 'token' } },
  });
  await api.createWorkspace(namespace, 'sales', {
    tenantRef: { name: 'acme' },
    displayName: 'Sales',
    airtable: { bases: [DEMO_SALES_BASE_ID] },
    members: [{ email: 'owner@acme.example', role: 'owner' }],
  });
  await waitFor(
    `Tenant ${namespace}/acme Ready`,
    async () => conditionOf(await api.tenant(namespace, 'acme'), 'Ready')?.status === 'True',
    12_000,
  );
  await waitFor(
    `Workspace ${namespace}/sales Ready`,
    async () => conditionOf(await api.workspace(namespace, 'sales'), 'Ready')?.status === 'True',
    12_000,
  );
}

/** `kubectl auth can-i` as the operator's ServiceAccount. */
async function operatorCan(args: readonly string[]): Promise<boolean> {
  const result = await admin([
    'auth',
    'can-i',
    `--as=system:serviceaccount:${NAMESPACE}:${ACCOUNT}`,
    ...args,
  ]);
  return result.stdout.trim() === 'yes';
}

describe('the operator with the chart’s RBAC only', () => {
  it('reconciles Tenants and Workspaces of every namespace, leads through its Lease, records Events', async () => {
    if (harness === undefined) throw new Error('no harness');
    const configMap = await applyOperatorAccess({});
    const running = await startOperator(configMap, await serviceAccountConfig());
    try {
      const namespace = await harness.newNamespace();
      await reconcileTenant(namespace);
      const lease = await harness.kubeConfig.makeApiClient(CoordinationV1Api).readNamespacedLease({
        namespace: NAMESPACE,
        name: configMap.data?.['LEADER_ELECTION_LEASE_NAME'] ?? '',
      });
      expect(lease.spec?.holderIdentity).toMatch(/^pyairtable-operator-7d4f9-x2x5q_/);
      const events = await harness.kubeConfig
        .makeApiClient(EventsV1Api)
        .listNamespacedEvent({ namespace });
      expect(events.items.map((event) => event.reportingController)).toContain(
        'pyairtable.io/operator',
      );
    } finally {
      await running.stop();
    }
  });

  it('is refused what it has no business doing', async () => {
    const namespace = harness === undefined ? 'default' : await harness.newNamespace();
    expect(await operatorCan(['watch', 'secrets', '-n', namespace])).toBe(true);
    expect(await operatorCan(['patch', 'tenants.pyairtable.io/status', '-n', namespace])).toBe(
      true,
    );
    for (const forbidden of [
      ['delete', 'tenants.pyairtable.io', '-n', namespace],
      ['create', 'workspaces.pyairtable.io', '-n', namespace],
      ['create', 'secrets', '-n', namespace],
      ['update', 'secrets', '-n', namespace],
      ['get', 'configmaps', '-n', namespace],
      ['list', 'pods', '-n', namespace],
      ['update', 'leases.coordination.k8s.io/someone-elses-lease', '-n', NAMESPACE],
      ['create', 'leases.coordination.k8s.io', '-n', namespace],
      ['delete', 'events.events.k8s.io', '-n', namespace],
      ['update', 'customresourcedefinitions.apiextensions.k8s.io'],
    ])
      expect(await operatorCan(forbidden), forbidden.join(' ')).toBe(false);
  });

  it('makes do with one namespace’s Secrets when it watches one namespace', async () => {
    if (harness === undefined) throw new Error('no harness');
    const watched = await harness.newNamespace();
    // What `helm upgrade` to this mode does: the cluster-wide grants of the earlier tests go.
    const removed = await admin([
      'delete',
      'clusterrole,clusterrolebinding',
      'pyairtable-operator',
      '--ignore-not-found',
    ]);
    expect(removed.exitCode, removed.stderr).toBe(0);
    const configMap = await applyOperatorAccess({ 'operator.watchNamespace': watched });
    expect(configMap.data?.['WATCH_NAMESPACE']).toBe(watched);
    const elsewhere = await harness.newNamespace();
    expect(await operatorCan(['get', 'secrets', '-n', elsewhere])).toBe(false);
    expect(await operatorCan(['list', 'tenants.pyairtable.io', '-n', elsewhere])).toBe(false);
    const running = await startOperator(configMap, await serviceAccountConfig());
    try {
      await reconcileTenant(watched);
    } finally {
      await running.stop();
    }
  });
});

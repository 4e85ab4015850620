import { CoordinationV1Api, EventsV1Api } from '@kubernetes/client-node';
import { MicroTime } from '@pyairtable/operator/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conditionOf, putTokenSecret, resources } from './support/resources.ts';
import { DEMO_ACCESS_TOKEN, openOperatorHarness, waitFor } from './support/operator-harness.ts';
import type { OperatorHarness, RunningOperator } from './support/operator-harness.ts';

const FAST_LEASE = {
  LEASE_DURATION_MS: '3000',
  RENEW_DEADLINE_MS: '2000',
  LEASE_RETRY_PERIOD_MS: '250',
};

describe('two operator replicas', () => {
  let harness: OperatorHarness;
  let api: ReturnType<typeof resources>;

  beforeAll(async () => {
    harness = await openOperatorHarness();
    api = resources(harness.kubeConfig);
  });
  afterAll(() => harness.close());

  const createReadyTenant = async (namespace: string, name: string) => {
    await putTokenSecret(harness.core, namespace, `${name}-airtable`, DEMO_ACCESS_TOKEN);
    await api.createTenant(namespace, name, {
      displayName: name,
      airtable: { tokenSecretRef: { name: `${name}-airtable`, key: 'token' } },
    });
    await waitFor(
      `${name} Ready`,
      async () => conditionOf(await api.tenant(namespace, name), 'Ready')?.status === 'True',
    );
  };
  // Who recorded Events about `name` (the Event follows the status write that made it Ready).
  const reportersOf = (namespace: string, name: string): Promise<string[]> =>
    waitFor(`events about ${name}`, async () => {
      const events = await harness.kubeConfig
        .makeApiClient(EventsV1Api)
        .listNamespacedEvent({ namespace });
      const reporters = events.items
        .filter((event) => event.regarding?.name === name)
        .map((event) => event.reportingInstance ?? '');
      return reporters.length > 0 ? reporters : undefined;
    });

  it('lets only the leader reconcile, and the standby take over when the leader stops', async () => {
    const namespace = await harness.newNamespace();
    const first = await harness.startOperator(namespace, FAST_LEASE);
    const second = await harness.startOperator(namespace, FAST_LEASE);
    const leader = await waitFor('a leader', () =>
      Promise.resolve([first, second].find((running) => running.operator.manager.isLeader)),
    );
    const standby: RunningOperator = leader === first ? second : first;
    expect(standby.operator.manager.isLeader).toBe(false);

    await createReadyTenant(namespace, 'before');
    expect(new Set(await reportersOf(namespace, 'before'))).toEqual(
      new Set([leader.operator.identity]),
    );
    const metrics = await (await fetch(`${leader.url}/metrics`)).text();
    expect(metrics).toMatch(/operator_leader 1/);
    expect(metrics).toMatch(
      /operator_reconcile_total\{controller="tenant",result="requeue"\} [1-9]/,
    );
    expect(await (await fetch(`${standby.url}/metrics`)).text()).toMatch(/operator_leader 0/);
    expect(await (await fetch(`${standby.url}/metrics`)).text()).not.toMatch(
      /operator_reconcile_total\{/,
    );

    await leader.stop();
    await waitFor(
      'the standby leads',
      () => Promise.resolve(standby.operator.manager.isLeader),
      10_000,
    );
    await createReadyTenant(namespace, 'after');
    expect(new Set(await reportersOf(namespace, 'after'))).toEqual(
      new Set([standby.operator.identity]),
    );
  });

  it('waits out a lease held by a replica that died, then takes it', async () => {
    const namespace = await harness.newNamespace();
    const leases = harness.kubeConfig.makeApiClient(CoordinationV1Api);
    await leases.createNamespacedLease({
      namespace,
      body: {
        metadata: { name: 'pyairtable-operator', namespace },
        spec: {
          holderIdentity: 'crashed-replica',
          leaseDurationSeconds: 2,
          renewTime: new MicroTime(),
          acquireTime: new MicroTime(),
        },
      },
    });
    const started = Date.now();
    const survivor = await harness.startOperator(namespace, FAST_LEASE);
    expect(survivor.operator.manager.isLeader).toBe(false);
    await waitFor(
      'the survivor leads',
      () => Promise.resolve(survivor.operator.manager.isLeader),
      10_000,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    const lease = await leases.readNamespacedLease({ namespace, name: 'pyairtable-operator' });
    expect(lease.spec?.holderIdentity).toBe(survivor.operator.identity);
    expect(lease.spec?.leaseTransitions).toBe(1);
  });

  it('serves /healthz and /readyz once its caches have listed', async () => {
    const namespace = await harness.newNamespace();
    const running = await harness.startOperator(namespace, FAST_LEASE);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    await waitFor('ready', async () => (await fetch(`${running.url}/readyz`)).status === 200);
    const body = (await (await fetch(`${running.url}/readyz`)).json()) as {
      checks: Record<string, unknown>;
    };
    expect(Object.keys(body.checks)).toEqual(expect.arrayContaining(['postgres', 'informers']));
  });
});

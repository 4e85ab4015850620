import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryTenantName } from '@pyairtable/operator';
import { startControlPlane } from '../envtest/index.ts';
import type { ControlPlane } from '../envtest/index.ts';
import { conditionOf, putTokenSecret, resources } from './support/resources.ts';
import { DEMO_ACCESS_TOKEN, openOperatorHarness, waitFor } from './support/operator-harness.ts';
import type { OperatorHarness, RunningOperator } from './support/operator-harness.ts';

// A control plane of its own: stopping the shared one would break every other suite.
describe('the operator across an apiserver restart', () => {
  let controlPlane: ControlPlane;
  let harness: OperatorHarness;
  let api: ReturnType<typeof resources>;
  let namespace: string;
  let running: RunningOperator;

  beforeAll(async () => {
    controlPlane = await startControlPlane();
    harness = await openOperatorHarness({ kubeconfigPath: controlPlane.kubeconfigPath });
    api = resources(harness.kubeConfig);
    namespace = await harness.newNamespace();
    running = await harness.startOperator(namespace);
  });
  afterAll(async () => {
    await harness.close();
    await controlPlane.stop();
  });

  const createTenant = async (name: string) => {
    await putTokenSecret(harness.core, namespace, `${name}-airtable`, DEMO_ACCESS_TOKEN);
    await api.createTenant(namespace, name, {
      displayName: name,
      airtable: { tokenSecretRef: { name: `${name}-airtable`, key: 'token' } },
    });
  };
  const readyOf = async (name: string) => conditionOf(await api.tenant(namespace, name), 'Ready');

  it(
    'catches up with changes made while its watches were down, deletions included',
    { timeout: 120_000 },
    async () => {
      await createTenant('kept');
      await createTenant('deleted');
      await createTenant('secretless');
      for (const name of ['kept', 'deleted', 'secretless']) {
        await waitFor(`${name} Ready`, async () => (await readyOf(name))?.status === 'True');
      }

      await controlPlane.stopApiServer();
      await sleep(1_500);
      await controlPlane.startApiServer();
      // Right after the restart the operator's informers are still backing off: these
      // changes happen while they are not watching.
      await api.deleteTenant(namespace, 'deleted');
      await harness.core.deleteNamespacedSecret({ namespace, name: 'secretless-airtable' });
      await createTenant('added');

      await waitFor(
        'the deleted tenant cleaned up',
        async () =>
          (await api.tenant(namespace, 'deleted')) === undefined &&
          (await harness.registry.tenants.getByName(registryTenantName(namespace, 'deleted'))) ===
            undefined,
        30_000,
      );
      // The Secret is gone for good: only its delete event (replayed or found by a re-list)
      // can tell the operator, since nothing else about the Tenant changed.
      expect(
        await waitFor(
          'the tenant whose Secret vanished',
          async () => {
            const ready = await readyOf('secretless');
            return ready?.reason === 'SecretNotFound' ? ready : undefined;
          },
          30_000,
        ),
      ).toMatchObject({ status: 'False' });
      await waitFor(
        'the added tenant Ready',
        async () => (await readyOf('added'))?.status === 'True',
        30_000,
      );
      expect((await readyOf('kept'))?.status).toBe('True');

      const metrics = await (await fetch(`${running.url}/metrics`)).text();
      expect(metrics).toMatch(/operator_informer_restarts_total\{resource="tenants"\} [1-9]/);
    },
  );
});

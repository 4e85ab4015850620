import { EventsV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USER } from '@pyairtable/airtable-emulator';
import { withClient } from '@pyairtable/kit/testing';
import { registryTenantName } from '@pyairtable/operator';
import { conditionOf, putTokenSecret, resources } from './support/resources.ts';
import {
  DEMO_ACCESS_TOKEN,
  openOperatorHarness,
  ROTATED_TOKEN,
  ROTATED_USER_ID,
  waitFor,
} from './support/operator-harness.ts';
import type { OperatorHarness } from './support/operator-harness.ts';

describe('the Tenant controller against a real apiserver', () => {
  let harness: OperatorHarness;
  let namespace: string;
  let api: ReturnType<typeof resources>;

  beforeAll(async () => {
    harness = await openOperatorHarness();
    namespace = await harness.newNamespace();
    api = resources(harness.kubeConfig);
    await harness.startOperator(namespace);
  });
  afterAll(() => harness.close());

  const tenantSpec = (secretName: string) => ({
    displayName: 'Acme',
    airtable: { tokenSecretRef: { name: secretName, key: 'token' } },
    quotas: { chatRequestsPerMinute: 30, maxWorkspaces: 3 },
  });
  const condition = async (name: string, type: string) =>
    conditionOf(await api.tenant(namespace, name), type);

  it('turns a Secret and a Tenant into a Ready tenant with an encrypted credential in Postgres', async () => {
    await putTokenSecret(harness.core, namespace, 'acme-airtable', DEMO_ACCESS_TOKEN);
    await api.createTenant(namespace, 'acme', tenantSpec('acme-airtable'));

    const ready = await waitFor('acme Ready', async () => {
      const tenant = await api.tenant(namespace, 'acme');
      return conditionOf(tenant, 'Ready')?.status === 'True' ? tenant : undefined;
    });
    expect(ready.status?.airtableUserId).toBe(DEMO_USER.id);
    expect(conditionOf(ready, 'CredentialsValid')).toMatchObject({
      status: 'True',
      reason: 'TokenValid',
    });
    expect(ready.status?.observedGeneration).toBe(ready.metadata.generation);
    expect(ready.metadata.finalizers).toContain('pyairtable.io/registry-cleanup');

    const stored = await harness.registry.tenants.getByName(registryTenantName(namespace, 'acme'));
    expect(stored).toMatchObject({
      id: ready.status?.tenantId,
      managedBy: 'operator',
      quotas: { chatRequestsPerMinute: 30, maxWorkspaces: 3 },
      credential: { status: 'valid', airtableUserId: DEMO_USER.id },
    });
    const [row] = await withClient(
      harness.databaseUrl,
      async (client) =>
        (
          await client.query<{ ciphertext: string }>(
            'select airtable_token_ciphertext as ciphertext from registry_tenants where id = $1',
            [stored?.id],
          )
        ).rows,
    );
    expect(row?.ciphertext).toMatch(/^v1\.operator\./);
    expect(row?.ciphertext).not.toContain(DEMO_ACCESS_TOKEN);
    expect((await harness.registry.credentials.readToken(stored?.id ?? ''))?.token).toBe(
      DEMO_ACCESS_TOKEN,
    );
  });

  it('reports a token Airtable rejects as CredentialsValid False / TokenRejected', async () => {
    await putTokenSecret(
      harness.core,
      namespace,
      'wrong-airtable',
      `patWrongTokenXxxx.${'9'.repeat(64)}`,
    );
    await api.createTenant(namespace, 'wrong', tenantSpec('wrong-airtable'));
    const credentials = await waitFor('wrong rejected', async () => {
      const found = await condition('wrong', 'CredentialsValid');
      return found?.status === 'False' ? found : undefined;
    });
    expect(credentials.reason).toBe('TokenRejected');
    expect(await condition('wrong', 'Ready')).toMatchObject({
      status: 'False',
      reason: 'TokenRejected',
    });
    expect(JSON.stringify(await api.tenant(namespace, 'wrong'))).not.toContain('patWrongToken');
    const warning = await waitFor('a TokenRejected event', async () => {
      const events = await harness.kubeConfig
        .makeApiClient(EventsV1Api)
        .listNamespacedEvent({ namespace });
      return events.items.find(
        (event) => event.regarding?.name === 'wrong' && event.reason === 'TokenRejected',
      );
    });
    expect(warning).toMatchObject({
      type: 'Warning',
      action: 'ValidateToken',
      reportingController: 'pyairtable.io/operator',
    });
    expect(warning.note).not.toContain('patWrongToken');
  });

  it('names a missing Secret and a missing key precisely', async () => {
    await api.createTenant(namespace, 'no-secret', tenantSpec('does-not-exist'));
    await putTokenSecret(harness.core, namespace, 'other-key', DEMO_ACCESS_TOKEN, { key: 'pat' });
    await api.createTenant(namespace, 'no-key', tenantSpec('other-key'));
    expect(
      await waitFor('SecretNotFound', async () => {
        const found = await condition('no-secret', 'CredentialsValid');
        return found?.reason === 'SecretNotFound' ? found : undefined;
      }),
    ).toMatchObject({
      status: 'False',
      message: expect.stringContaining('does-not-exist') as unknown,
    });
    expect(
      await waitFor('KeyMissing', async () => {
        const found = await condition('no-key', 'CredentialsValid');
        return found?.reason === 'KeyMissing' ? found : undefined;
      }),
    ).toMatchObject({
      status: 'False',
      message: expect.stringContaining('no key "token"') as unknown,
    });

    // Creating the missing Secret (labelled) is enough: the tenant becomes Ready by itself.
    await putTokenSecret(harness.core, namespace, 'does-not-exist', DEMO_ACCESS_TOKEN);
    await waitFor(
      'no-secret Ready',
      async () => (await condition('no-secret', 'Ready'))?.status === 'True',
    );
  });

  it('re-validates within seconds when the labelled Secret is rotated', async () => {
    await putTokenSecret(harness.core, namespace, 'rotating', DEMO_ACCESS_TOKEN);
    await api.createTenant(namespace, 'rotating', tenantSpec('rotating'));
    await waitFor(
      'rotating Ready',
      async () => (await condition('rotating', 'Ready'))?.status === 'True',
    );
    const before = await harness.registry.tenants.getByName(
      registryTenantName(namespace, 'rotating'),
    );

    const rotatedAt = Date.now();
    await putTokenSecret(harness.core, namespace, 'rotating', ROTATED_TOKEN);
    const rotated = await waitFor('rotated user', async () => {
      const tenant = await api.tenant(namespace, 'rotating');
      return tenant?.status?.airtableUserId === ROTATED_USER_ID ? tenant : undefined;
    });
    expect(Date.now() - rotatedAt).toBeLessThan(10_000);
    const after = await harness.registry.tenants.getByName(
      registryTenantName(namespace, 'rotating'),
    );
    expect(after?.credential.version).toBeGreaterThan(before?.credential.version ?? Infinity);
    expect(rotated.status?.credentialVersion).toBe(after?.credential.version);
    expect(conditionOf(rotated, 'Ready')?.status).toBe('True');
  });

  it('suspends a tenant in the registry and reports it not Ready', async () => {
    await putTokenSecret(harness.core, namespace, 'paused', DEMO_ACCESS_TOKEN);
    await api.createTenant(namespace, 'paused', { ...tenantSpec('paused'), suspend: true });
    await waitFor(
      'Suspended',
      async () => (await condition('paused', 'Ready'))?.reason === 'Suspended',
    );
    expect(
      (await harness.registry.tenants.getByName(registryTenantName(namespace, 'paused')))
        ?.suspended,
    ).toBe(true);
  });

  it('removes the tenant from the registry on deletion, then lets the object go', async () => {
    await putTokenSecret(harness.core, namespace, 'doomed', DEMO_ACCESS_TOKEN);
    await api.createTenant(namespace, 'doomed', tenantSpec('doomed'));
    await waitFor(
      'doomed Ready',
      async () => (await condition('doomed', 'Ready'))?.status === 'True',
    );
    await api.deleteTenant(namespace, 'doomed');
    await waitFor('doomed gone', async () => (await api.tenant(namespace, 'doomed')) === undefined);
    expect(
      await harness.registry.tenants.getByName(registryTenantName(namespace, 'doomed')),
    ).toBeUndefined();
  });
});

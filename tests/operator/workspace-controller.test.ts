import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryTenantName } from '@pyairtable/operator';
import { conditionOf, putTokenSecret, resources } from './support/resources.ts';
import {
  DEMO_ACCESS_TOKEN,
  DEMO_PROJECTS_BASE_ID,
  DEMO_SALES_BASE_ID,
  openOperatorHarness,
  SALES_ONLY_TOKEN,
  waitFor,
} from './support/operator-harness.ts';
import type { OperatorHarness } from './support/operator-harness.ts';

describe('the Workspace controller against a real apiserver', () => {
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

  const createTenant = async (name: string, token: string, maxWorkspaces = 5) => {
    await putTokenSecret(harness.core, namespace, `${name}-airtable`, token);
    await api.createTenant(namespace, name, {
      displayName: name,
      airtable: { tokenSecretRef: { name: `${name}-airtable`, key: 'token' } },
      quotas: { llmTokensPerDay: 100_000, chatRequestsPerMinute: 60, maxWorkspaces },
    });
  };
  const registryWorkspace = async (tenantName: string, name: string) => {
    const tenant = await harness.registry.tenants.getByName(
      registryTenantName(namespace, tenantName),
    );
    if (tenant === undefined) return undefined;
    return (await harness.registry.workspaces.list({ tenantId: tenant.id })).find(
      (workspace) => workspace.name === name,
    );
  };
  const workspaceCondition = async (name: string, type: string) =>
    conditionOf(await api.workspace(namespace, name), type);

  it('writes the workspace, its members and clamped quota overrides, and resolves base names', async () => {
    await createTenant('acme', DEMO_ACCESS_TOKEN);
    await api.createWorkspace(namespace, 'sales', {
      tenantRef: { name: 'acme' },
      displayName: 'Sales',
      airtable: { bases: [DEMO_SALES_BASE_ID] },
      members: [
        { email: 'Owner@Example.com', role: 'owner' },
        { email: 'viewer@example.com', role: 'viewer' },
      ],
      quotaOverrides: { llmTokensPerDay: 500_000, chatRequestsPerMinute: 10 },
    });
    const ready = await waitFor('sales Ready', async () => {
      const workspace = await api.workspace(namespace, 'sales');
      return conditionOf(workspace, 'Ready')?.status === 'True' ? workspace : undefined;
    });
    expect(ready.status?.bases).toEqual([
      { id: DEMO_SALES_BASE_ID, name: expect.any(String) as unknown },
    ]);
    expect(conditionOf(ready, 'BasesAccessible')).toMatchObject({
      status: 'True',
      reason: 'AllBasesAccessible',
    });
    expect(conditionOf(ready, 'QuotasClamped')).toMatchObject({
      status: 'True',
      reason: 'ClampedToTenantQuotas',
      message: expect.stringContaining(
        "llmTokensPerDay 500000 lowered to the tenant's 100000",
      ) as unknown,
    });

    const stored = await registryWorkspace('acme', 'sales');
    expect(stored).toMatchObject({
      id: ready.status?.workspaceId,
      managedBy: 'operator',
      allowedBaseIds: [DEMO_SALES_BASE_ID],
      quotaOverrides: { llmTokensPerDay: 100_000, chatRequestsPerMinute: 10 },
    });
    const members = await harness.registry.members.list(stored?.id ?? '');
    expect(members.map(({ email, role }) => ({ email, role }))).toEqual([
      { email: 'owner@example.com', role: 'owner' },
      { email: 'viewer@example.com', role: 'viewer' },
    ]);
    await waitFor(
      'tenant counts the workspace',
      async () => (await api.tenant(namespace, 'acme'))?.status?.workspaceCount === 1,
    );
  });

  it('names the bases the tenant token cannot reach (BasesAccessible False)', async () => {
    await createTenant('limited', SALES_ONLY_TOKEN);
    await api.createWorkspace(namespace, 'both', {
      tenantRef: { name: 'limited' },
      displayName: 'Both bases',
      airtable: { bases: [DEMO_SALES_BASE_ID, DEMO_PROJECTS_BASE_ID] },
    });
    const accessible = await waitFor('BasesNotFound', async () => {
      const found = await workspaceCondition('both', 'BasesAccessible');
      return found?.status === 'False' ? found : undefined;
    });
    expect(accessible.reason).toBe('BasesNotFound');
    expect(accessible.message).toContain(DEMO_PROJECTS_BASE_ID);
    expect(accessible.message).toContain(`found ${DEMO_SALES_BASE_ID}`);
    const workspace = await api.workspace(namespace, 'both');
    expect(workspace?.status?.missingBases).toEqual([DEMO_PROJECTS_BASE_ID]);
    expect(conditionOf(workspace, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'BasesNotFound',
    });
  });

  it('waits for a Tenant that does not exist yet, then becomes Ready by itself', async () => {
    await api.createWorkspace(namespace, 'early', {
      tenantRef: { name: 'late' },
      displayName: 'Early',
      airtable: { bases: [DEMO_SALES_BASE_ID] },
    });
    const waiting = await waitFor('TenantNotFound', async () => {
      const found = await workspaceCondition('early', 'Ready');
      return found?.reason === 'TenantNotFound' ? found : undefined;
    });
    expect(waiting.message).toContain('Tenant late does not exist');
    await createTenant('late', DEMO_ACCESS_TOKEN);
    await waitFor(
      'early Ready',
      async () => (await workspaceCondition('early', 'Ready'))?.status === 'True',
    );
  });

  it('refuses a workspace beyond maxWorkspaces and says so on both objects', async () => {
    await createTenant('small', DEMO_ACCESS_TOKEN, 1);
    await api.createWorkspace(namespace, 'first', {
      tenantRef: { name: 'small' },
      displayName: 'First',
      airtable: { bases: [DEMO_SALES_BASE_ID] },
    });
    await waitFor(
      'first Ready',
      async () => (await workspaceCondition('first', 'Ready'))?.status === 'True',
    );
    await api.createWorkspace(namespace, 'second', {
      tenantRef: { name: 'small' },
      displayName: 'Second',
      airtable: { bases: [DEMO_SALES_BASE_ID] },
    });
    await waitFor(
      'WorkspaceLimitReached',
      async () => (await workspaceCondition('second', 'Ready'))?.reason === 'WorkspaceLimitReached',
    );
    const limit = await waitFor('tenant over its limit', async () => {
      const found = conditionOf(await api.tenant(namespace, 'small'), 'WorkspacesWithinLimit');
      return found?.status === 'False' ? found : undefined;
    });
    expect(limit).toMatchObject({ reason: 'MaxWorkspacesExceeded' });
    expect(await registryWorkspace('small', 'second')).toBeUndefined();
  });

  it('removes the workspace from the registry on deletion and releases the finalizer', async () => {
    await createTenant('tidy', DEMO_ACCESS_TOKEN);
    await api.createWorkspace(namespace, 'temporary', {
      tenantRef: { name: 'tidy' },
      displayName: 'Temporary',
      airtable: { bases: [DEMO_SALES_BASE_ID] },
    });
    await waitFor(
      'temporary Ready',
      async () => (await workspaceCondition('temporary', 'Ready'))?.status === 'True',
    );
    expect(await registryWorkspace('tidy', 'temporary')).toBeDefined();
    await api.deleteWorkspace(namespace, 'temporary');
    await waitFor(
      'temporary gone',
      async () => (await api.workspace(namespace, 'temporary')) === undefined,
    );
    expect(await registryWorkspace('tidy', 'temporary')).toBeUndefined();
  });
});

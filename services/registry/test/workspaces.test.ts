import { describe, expect, it } from 'vitest';
import type { AppError } from '@pyairtable/kit';
import { DEFAULT_TENANT_QUOTAS, effectiveQuotas } from '../src/index.ts';
import { uniqueName, useRegistryDatabase } from './support/registry-database.ts';

const fixture = useRegistryDatabase();
const BASE_A = 'appAAAAAAAAAAAAAA';
const BASE_B = 'appBBBBBBBBBBBBBB';

async function newTenant(maxWorkspaces = 10) {
  return fixture.registry.tenants.create({
    name: uniqueName('tenant'),
    displayName: 'Tenant',
    quotas: { ...DEFAULT_TENANT_QUOTAS, maxWorkspaces, chatRequestsPerMinute: 100 },
  });
}

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as AppError,
  );
}

describe('workspaces', () => {
  it('creates a workspace with allowed bases, overrides and model settings', async () => {
    const tenant = await newTenant();
    const workspace = await fixture.registry.workspaces.create({
      tenantId: tenant.id,
      name: 'sales',
      displayName: 'Sales',
      allowedBaseIds: [BASE_A],
      quotaOverrides: { chatRequestsPerMinute: 30 },
      modelSettings: { model: 'gemini-2.5-flash', maxSteps: 4 },
    });
    expect(workspace.id).toMatch(/^wsp_/);
    expect(workspace.allowedBaseIds).toEqual([BASE_A]);
    expect(workspace.quotaOverrides).toEqual({ chatRequestsPerMinute: 30 });
    expect(workspace.modelSettings).toEqual({ model: 'gemini-2.5-flash', maxSteps: 4 });
    expect(effectiveQuotas(tenant, workspace)).toEqual({
      chatRequestsPerMinute: 30,
      llmTokensPerDay: DEFAULT_TENANT_QUOTAS.llmTokensPerDay,
      airtableRequestsPerSecond: DEFAULT_TENANT_QUOTAS.airtableRequestsPerSecond,
    });
  });

  it('refuses overrides above the tenant quota with a 422 naming it', async () => {
    const tenant = await newTenant();
    const failure = await failureOf(
      fixture.registry.workspaces.create({
        tenantId: tenant.id,
        name: 'greedy',
        displayName: 'Greedy',
        quotaOverrides: { chatRequestsPerMinute: 101 },
      }),
    );
    expect(failure.status).toBe(422);
    expect(failure.detail).toContain('chatRequestsPerMinute (101)');
  });

  it('stops at maxWorkspaces, also when creations race', async () => {
    const tenant = await newTenant(2);
    const attempts = await Promise.allSettled(
      ['a', 'b', 'c', 'd'].map((name) =>
        fixture.registry.workspaces.create({ tenantId: tenant.id, name, displayName: name }),
      ),
    );
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(2);
    const rejected = attempts.filter((attempt) => attempt.status === 'rejected');
    expect(rejected.map((attempt) => (attempt.reason as AppError).code)).toEqual([
      'REGISTRY_WORKSPACE_LIMIT',
      'REGISTRY_WORKSPACE_LIMIT',
    ]);
  });

  it('upserts by name without counting the existing one against the limit', async () => {
    const tenant = await newTenant(1);
    const first = await fixture.registry.workspaces.upsertByName({
      tenantId: tenant.id,
      name: 'only',
      displayName: 'Only',
      allowedBaseIds: [BASE_A],
    });
    const second = await fixture.registry.workspaces.upsertByName({
      tenantId: tenant.id,
      name: 'only',
      displayName: 'Only, renamed',
      allowedBaseIds: [BASE_A, BASE_B],
      managedBy: 'operator',
    });
    expect(second.id).toBe(first.id);
    expect(second.allowedBaseIds).toEqual([BASE_A, BASE_B]);
    expect(second.managedBy).toBe('operator');
  });

  it('answers 404 for an unknown tenant and 409 for a duplicate name', async () => {
    const missing = await failureOf(
      fixture.registry.workspaces.create({ tenantId: 'ten_nope', name: 'x', displayName: 'x' }),
    );
    expect(missing.status).toBe(404);
    const tenant = await newTenant();
    await fixture.registry.workspaces.create({
      tenantId: tenant.id,
      name: 'same',
      displayName: 'A',
    });
    const duplicate = await failureOf(
      fixture.registry.workspaces.create({ tenantId: tenant.id, name: 'same', displayName: 'B' }),
    );
    expect(duplicate.status).toBe(409);
  });

  it('updates given fields, lists by tenant, deletes with the tenant', async () => {
    const tenant = await newTenant();
    const workspace = await fixture.registry.workspaces.create({
      tenantId: tenant.id,
      name: 'ops',
      displayName: 'Ops',
      allowedBaseIds: [BASE_A],
    });
    const updated = await fixture.registry.workspaces.update(workspace.id, {
      allowedBaseIds: [BASE_B],
    });
    expect(updated?.allowedBaseIds).toEqual([BASE_B]);
    expect(updated?.displayName).toBe('Ops');
    expect(
      (await fixture.registry.workspaces.list({ tenantId: tenant.id })).map((w) => w.id),
    ).toEqual([workspace.id]);
    await fixture.registry.tenants.delete(tenant.id);
    expect(await fixture.registry.workspaces.get(workspace.id)).toBeUndefined();
  });
});

describe('members', () => {
  it('keeps members by lower-case email and links them to users who sign up', async () => {
    const tenant = await newTenant();
    const workspace = await fixture.registry.workspaces.create({
      tenantId: tenant.id,
      name: 'm',
      displayName: 'M',
    });
    const email = `${uniqueName('Ann')}@Example.com`;
    await fixture.registry.members.upsert(workspace.id, { email, role: 'viewer' });
    expect(await fixture.registry.members.roleOf(workspace.id, email.toUpperCase())).toBe('viewer');
    const [before] = await fixture.registry.members.list(workspace.id);
    expect(before).toMatchObject({ email: email.toLowerCase(), userId: null });
    const user = await fixture.registry.users.create({ email, displayName: 'Ann' });
    const [after] = await fixture.registry.members.list(workspace.id);
    expect(after?.userId).toBe(user.id);
    const memberships = await fixture.registry.workspaces.listForEmail(email);
    expect(memberships).toEqual([{ workspace, role: 'viewer' }]);
  });

  it('replaces the whole list and removes one', async () => {
    const tenant = await newTenant();
    const workspace = await fixture.registry.workspaces.create({
      tenantId: tenant.id,
      name: 'r',
      displayName: 'R',
    });
    await fixture.registry.members.upsert(workspace.id, {
      email: 'old@example.com',
      role: 'owner',
    });
    const replaced = await fixture.registry.members.replaceAll(workspace.id, [
      { email: 'a@example.com', role: 'owner' },
      { email: 'B@example.com', role: 'editor' },
    ]);
    expect(replaced.map((member) => [member.email, member.role])).toEqual([
      ['a@example.com', 'owner'],
      ['b@example.com', 'editor'],
    ]);
    expect(await fixture.registry.members.remove(workspace.id, 'a@example.com')).toBe(true);
    expect(await fixture.registry.members.remove(workspace.id, 'a@example.com')).toBe(false);
    expect(await fixture.registry.members.roleOf(workspace.id, 'old@example.com')).toBeUndefined();
  });
});

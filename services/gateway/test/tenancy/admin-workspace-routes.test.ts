import { beforeAll, describe, expect, it } from 'vitest';
import type { Tenant } from '@pyairtable/registry';
import { useGateway } from '../support/gateway-harness.ts';
import { arrangeWorkspace, baseId } from './arrange-workspace.ts';

const harness = useGateway();

let adminToken = '';
let adminId = '';
let aliceToken = '';
let tenant: Tenant;

interface WorkspaceBody {
  id: string;
  allowedBaseIds: string[];
  members: { email: string; role: string }[];
}

beforeAll(async () => {
  const admin = await harness.signUp('admin@platform.test', 'admin');
  adminToken = admin.token;
  adminId = admin.user.id;
  aliceToken = (await harness.signUp('alice@acme.test')).token;
  tenant = await harness.registry.tenants.create({
    name: 'acme',
    displayName: 'Acme',
    quotas: {
      chatRequestsPerMinute: 30,
      llmTokensPerDay: 1000,
      airtableRequestsPerSecond: 5,
      maxWorkspaces: 2,
    },
  });
});

const create = (body: Record<string, unknown>) =>
  harness.request({ method: 'POST', url: '/api/admin/workspaces', body, token: adminToken });

describe('admin workspaces', () => {
  let workspace: WorkspaceBody;

  it('are created with their members, who then see them', async () => {
    const response = await create({
      tenantId: tenant.id,
      name: 'sales',
      displayName: 'Sales',
      allowedBaseIds: [baseId('A'), baseId('B')],
      quotaOverrides: { chatRequestsPerMinute: 10 },
      members: [
        { email: 'alice@acme.test', role: 'owner' },
        { email: 'carol@acme.test', role: 'viewer' },
      ],
    });
    expect(response.statusCode).toBe(201);
    workspace = response.json<WorkspaceBody>();
    expect(workspace.allowedBaseIds).toEqual([baseId('A'), baseId('B')]);
    expect(workspace.members).toEqual([
      expect.objectContaining({ email: 'alice@acme.test', role: 'owner' }),
      expect.objectContaining({ email: 'carol@acme.test', role: 'viewer' }),
    ]);

    const seen = await harness.request({
      method: 'GET',
      url: `/api/workspaces/${workspace.id}`,
      token: aliceToken,
    });
    expect(seen.json()).toMatchObject({ role: 'owner', quotas: { chatRequestsPerMinute: 10 } });

    const [entry] = await harness.audit.list({ actorUserId: adminId, limit: 1 });
    expect(entry).toMatchObject({
      action: 'admin.change',
      targetType: 'workspace',
      targetId: workspace.id,
      details: { operation: 'create' },
    });
  });

  it('are listed by tenant', async () => {
    const response = await harness.request({
      method: 'GET',
      url: `/api/admin/workspaces?tenantId=${tenant.id}`,
      token: adminToken,
    });
    expect(response.json<{ workspaces: { id: string }[] }>().workspaces.map((w) => w.id)).toEqual([
      workspace.id,
    ]);
    const other = await harness.request({
      method: 'GET',
      url: '/api/admin/workspaces?tenantId=ten_nobody',
      token: adminToken,
    });
    expect(other.json<{ workspaces: unknown[] }>().workspaces).toEqual([]);
  });

  it('refuse quota overrides above the tenant’s (422)', async () => {
    const created = await create({
      tenantId: tenant.id,
      name: 'greedy',
      displayName: 'Greedy',
      allowedBaseIds: [],
      quotaOverrides: { chatRequestsPerMinute: 31 },
    });
    expect(created.statusCode).toBe(422);
    expect(created.json<{ code: string }>().code).toBe('REGISTRY_QUOTA_ABOVE_TENANT');
    const patched = await harness.request({
      method: 'PATCH',
      url: `/api/admin/workspaces/${workspace.id}`,
      body: { quotaOverrides: { llmTokensPerDay: 5000 } },
      token: adminToken,
    });
    expect(patched.statusCode).toBe(422);
  });

  it('are changed, members replaced, and audited with the field names', async () => {
    const response = await harness.request({
      method: 'PATCH',
      url: `/api/admin/workspaces/${workspace.id}`,
      body: { displayName: 'Sales EU', members: [{ email: 'dave@acme.test', role: 'owner' }] },
      token: adminToken,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<WorkspaceBody & { displayName: string }>();
    expect(body.displayName).toBe('Sales EU');
    expect(body.allowedBaseIds).toEqual([baseId('A'), baseId('B')]);
    expect(body.members.map((member) => member.email)).toEqual(['dave@acme.test']);
    const [entry] = await harness.audit.list({ actorUserId: adminId, limit: 1 });
    expect(entry?.details).toEqual({ operation: 'update', fields: ['displayName', 'members'] });
  });

  it('stop at the tenant’s maxWorkspaces (409)', async () => {
    const second = await create({
      tenantId: tenant.id,
      name: 'ops',
      displayName: 'Ops',
      allowedBaseIds: [],
    });
    expect(second.statusCode).toBe(201);
    const third = await create({
      tenantId: tenant.id,
      name: 'hr',
      displayName: 'HR',
      allowedBaseIds: [],
    });
    expect(third.statusCode).toBe(409);
    expect(third.json<{ code: string }>().code).toBe('REGISTRY_WORKSPACE_LIMIT');
  });

  it('reject malformed input with 400 naming the field', async () => {
    const response = await create({
      tenantId: tenant.id,
      name: 'Bad_Name',
      displayName: 'x',
      allowedBaseIds: ['notabase'],
      members: [{ email: 'nobody', role: 'owner' }],
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'allowedBaseIds.0', 'members.0.email']));
  });

  it('are deleted, and then gone for their members too', async () => {
    const response = await harness.request({
      method: 'DELETE',
      url: `/api/admin/workspaces/${workspace.id}`,
      token: adminToken,
    });
    expect(response.statusCode).toBe(204);
    const gone = await harness.request({
      method: 'GET',
      url: `/api/admin/workspaces/${workspace.id}`,
      token: adminToken,
    });
    expect(gone.statusCode).toBe(404);
  });
});

describe('an operator-managed workspace', () => {
  it('is readable but refuses PATCH and DELETE with 409', async () => {
    const { workspace } = await arrangeWorkspace(
      harness.registry,
      'platform/initech',
      [{ email: 'alice@acme.test', role: 'owner' }],
      'operator',
    );
    const url = `/api/admin/workspaces/${workspace.id}`;
    const patch = await harness.request({
      method: 'PATCH',
      url,
      body: { displayName: 'x' },
      token: adminToken,
    });
    const remove = await harness.request({ method: 'DELETE', url, token: adminToken });
    for (const response of [patch, remove]) {
      expect(response.statusCode).toBe(409);
      expect(response.json<{ code: string }>().code).toBe('GW_MANAGED_BY_OPERATOR');
    }
    const read = await harness.request({ method: 'GET', url, token: adminToken });
    expect(read.json()).toMatchObject({
      managedBy: 'operator',
      displayName: 'platform/initech main',
    });
  });
});

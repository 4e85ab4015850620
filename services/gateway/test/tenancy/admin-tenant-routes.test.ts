import { beforeAll, describe, expect, it } from 'vitest';
import type { Tenant } from '@pyairtable/registry';
import { useGateway } from '../support/gateway-harness.ts';

const harness = useGateway();

const AIRTABLE_TOKEN = 'patAbCdEfGhIjKlMnO.0123456789abcdef0123456789abcdef';
let adminToken = '';
let adminId = '';
let userToken = '';

interface TenantBody {
  id: string;
  managedBy: string;
  quotas: Record<string, number>;
  credential: { status: string; version: number };
}

/** `POST /api/admin/tenants`, as the platform admin unless another token is given. */
function createTenant(body: Record<string, unknown>, token = adminToken) {
  return harness.request({ method: 'POST', url: '/api/admin/tenants', body, token });
}

/** `PATCH /api/admin/tenants/:id` as the platform admin. */
function patchTenant(id: string, body: Record<string, unknown>) {
  return harness.request({
    method: 'PATCH',
    url: `/api/admin/tenants/${id}`,
    body,
    token: adminToken,
  });
}

/** `GET /api/admin/tenants/:id` as the platform admin. */
function getTenant(id: string) {
  return harness.request({ method: 'GET', url: `/api/admin/tenants/${id}`, token: adminToken });
}

beforeAll(async () => {
  const admin = await harness.signUp('admin@platform.test', 'admin');
  adminToken = admin.token;
  adminId = admin.user.id;
  userToken = (await harness.signUp('user@acme.test')).token;
});

describe('the admin API', () => {
  it('needs a token (401) and the platform admin role (403)', async () => {
    const anonymous = await harness.request({ method: 'GET', url: '/api/admin/tenants' });
    expect(anonymous.statusCode).toBe(401);
    const user = await harness.request({
      method: 'GET',
      url: '/api/admin/tenants',
      token: userToken,
    });
    expect(user.statusCode).toBe(403);
    const write = await createTenant({ name: 'sneaky', displayName: 'Sneaky' }, userToken);
    expect(write.statusCode).toBe(403);
    expect(await harness.registry.tenants.getByName('sneaky')).toBeUndefined();
  });
});

describe('admin tenants', () => {
  let tenant: TenantBody;

  it('are created with default quotas and no credential', async () => {
    const response = await createTenant({ name: 'acme', displayName: 'Acme Corp' });
    expect(response.statusCode).toBe(201);
    tenant = response.json<TenantBody>();
    expect(tenant).toMatchObject({
      managedBy: 'api',
      quotas: { maxWorkspaces: 10 },
      credential: { status: 'missing' },
    });
    const duplicate = await createTenant({ name: 'acme', displayName: 'Again' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json<{ code: string }>().code).toBe('REGISTRY_CONFLICT');
  });

  it('keep their Airtable token encrypted and out of every response and audit entry', async () => {
    const url = `/api/admin/tenants/${tenant.id}/airtable-token`;
    const set = await harness.request({
      method: 'PUT',
      url,
      body: { token: AIRTABLE_TOKEN },
      token: adminToken,
    });
    expect(set.statusCode).toBe(204);
    expect(set.body).toBe('');

    const { rows } = await harness.pool.query<{ ciphertext: string }>(
      'select airtable_token_ciphertext as ciphertext from registry_tenants where id = $1',
      [tenant.id],
    );
    expect(rows[0]?.ciphertext).toBeTruthy();
    expect(rows[0]?.ciphertext).not.toContain(AIRTABLE_TOKEN);
    expect(rows[0]?.ciphertext).not.toContain('patAbCdEfGhIjKlMnO');
    expect((await harness.registry.credentials.readToken(tenant.id))?.token).toBe(AIRTABLE_TOKEN);

    const one = await getTenant(tenant.id);
    const all = await harness.request({
      method: 'GET',
      url: '/api/admin/tenants',
      token: adminToken,
    });
    for (const response of [one, all]) expect(response.body).not.toContain('patAbCdEfGhIjKlMnO');
    expect(one.json<TenantBody>().credential).toMatchObject({ status: 'unchecked', version: 1 });

    const audit = await harness.audit.list({ actorUserId: adminId });
    expect(JSON.stringify(audit)).not.toContain('patAbCdEfGhIjKlMnO');
    expect(audit[0]).toMatchObject({
      action: 'admin.change',
      targetType: 'tenant',
      targetId: tenant.id,
      details: { operation: 'set_airtable_token' },
    });

    const clear = await harness.request({ method: 'DELETE', url, token: adminToken });
    expect(clear.statusCode).toBe(204);
    expect(await harness.registry.credentials.readToken(tenant.id)).toBeUndefined();
  });

  it('are changed field by field, quotas merged, and audited with the field names', async () => {
    const response = await patchTenant(tenant.id, {
      quotas: { maxWorkspaces: 3 },
      suspended: true,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      displayName: 'Acme Corp',
      suspended: true,
      quotas: { maxWorkspaces: 3, chatRequestsPerMinute: 60 },
    });
    const [entry] = await harness.audit.list({ actorUserId: adminId, limit: 1 });
    expect(entry?.details).toEqual({ operation: 'update', fields: ['quotas', 'suspended'] });
  });

  it('reject malformed input with 400 naming the field', async () => {
    const name = await createTenant({
      name: 'Not A Slug',
      displayName: 'x',
      quotas: { maxWorkspaces: 0 },
    });
    expect(name.statusCode).toBe(400);
    const fields = name.json<{ errors: { field: string }[] }>().errors.map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'quotas.maxWorkspaces']));

    const empty = await patchTenant(tenant.id, {});
    expect(empty.statusCode).toBe(400);
    const renamed = await patchTenant(tenant.id, { name: 'other' });
    expect(renamed.json<{ errors: { field: string }[] }>().errors).toContainEqual(
      expect.objectContaining({ field: 'name', message: 'is not allowed' }),
    );
  });

  it('are deleted, and then gone', async () => {
    const response = await harness.request({
      method: 'DELETE',
      url: `/api/admin/tenants/${tenant.id}`,
      token: adminToken,
    });
    expect(response.statusCode).toBe(204);
    const gone = await getTenant(tenant.id);
    expect(gone.statusCode).toBe(404);
  });
});

describe('an operator-managed tenant', () => {
  let operated: Tenant;
  beforeAll(async () => {
    operated = await harness.registry.tenants.upsertByName({
      name: 'platform/initech',
      displayName: 'Initech',
      managedBy: 'operator',
    });
  });

  it('is readable but refuses every write with 409 pointing to kubectl', async () => {
    const writes = [
      { method: 'PATCH', url: `/api/admin/tenants/${operated.id}`, body: { suspended: true } },
      { method: 'DELETE', url: `/api/admin/tenants/${operated.id}` },
      {
        method: 'PUT',
        url: `/api/admin/tenants/${operated.id}/airtable-token`,
        body: { token: 'x' },
      },
      { method: 'DELETE', url: `/api/admin/tenants/${operated.id}/airtable-token` },
      {
        method: 'POST',
        url: '/api/admin/workspaces',
        body: { tenantId: operated.id, name: 'extra', displayName: 'Extra', allowedBaseIds: [] },
      },
    ] as const;
    for (const write of writes) {
      const response = await harness.request({ ...write, token: adminToken });
      expect(response.statusCode, `${write.method} ${write.url}`).toBe(409);
      expect(response.json<{ code: string; detail: string }>()).toMatchObject({
        code: 'GW_MANAGED_BY_OPERATOR',
        detail: expect.stringContaining('kubectl') as string,
      });
    }
    const read = await getTenant(operated.id);
    expect(read.json()).toMatchObject({ managedBy: 'operator', suspended: false });
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@pyairtable/registry';
import { useGateway } from '../support/gateway-harness.ts';
import { arrangeWorkspace } from './arrange-workspace.ts';

const harness = useGateway();

let admin: { user: User; token: string };
let alice: { user: User; token: string };

beforeAll(async () => {
  admin = await harness.signUp('admin@platform.test', 'admin');
  alice = await harness.signUp('alice@acme.test');
  await arrangeWorkspace(harness.registry, 'acme', [{ email: 'alice@acme.test', role: 'editor' }]);
});

const patchUser = (id: string, body: Record<string, unknown>) =>
  harness.request({ method: 'PATCH', url: `/api/admin/users/${id}`, body, token: admin.token });

describe('admin users', () => {
  it('show an account with its workspace memberships', async () => {
    const response = await harness.request({
      method: 'GET',
      url: `/api/admin/users/${alice.user.id}`,
      token: admin.token,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      email: 'alice@acme.test',
      platformRole: 'user',
      disabled: false,
      workspaces: [{ name: 'main', role: 'editor' }],
    });
    expect(response.body).not.toMatch(/password/i);
    const unknown = await harness.request({
      method: 'GET',
      url: '/api/admin/users/usr_nobody',
      token: admin.token,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('are promoted to admin, and that is audited with the new role', async () => {
    const response = await patchUser(alice.user.id, { platformRole: 'admin' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ platformRole: 'admin' });
    const asAdmin = await harness.request({
      method: 'GET',
      url: '/api/admin/tenants',
      token: alice.token,
    });
    expect(asAdmin.statusCode).toBe(200);
    const [entry] = await harness.audit.list({ actorUserId: admin.user.id, limit: 1 });
    expect(entry).toMatchObject({
      action: 'admin.change',
      targetType: 'user',
      targetId: alice.user.id,
      details: { operation: 'update', fields: ['platformRole'], platformRole: 'admin' },
    });
  });

  it('lose access at once when disabled', async () => {
    expect((await patchUser(alice.user.id, { disabled: true })).statusCode).toBe(200);
    const response = await harness.request({
      method: 'GET',
      url: '/api/workspaces',
      token: alice.token,
    });
    expect(response.statusCode).toBe(401);
    expect((await patchUser(alice.user.id, { disabled: false })).json()).toMatchObject({
      disabled: false,
    });
  });

  it('cannot be the admin themselves demoting or disabling their own account (409)', async () => {
    for (const body of [{ platformRole: 'user' }, { disabled: true }]) {
      const response = await patchUser(admin.user.id, body);
      expect(response.statusCode).toBe(409);
      expect(response.json<{ code: string }>().code).toBe('GW_SELF_LOCKOUT');
    }
    expect((await harness.registry.users.get(admin.user.id))?.platformRole).toBe('admin');
  });

  it('reject an unknown role with 400 naming the field', async () => {
    const response = await patchUser(alice.user.id, { platformRole: 'root' });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: { field: string }[] }>().errors).toContainEqual(
      expect.objectContaining({ field: 'platformRole' }),
    );
  });
});

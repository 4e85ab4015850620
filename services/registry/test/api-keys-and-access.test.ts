import { describe, expect, it } from 'vitest';
import { API_KEY_PREFIX } from '../src/index.ts';
import { uniqueName, useRegistryDatabase } from './support/registry-database.ts';

let clock = new Date('2026-11-23T10:00:00Z');
const fixture = useRegistryDatabase({ now: () => clock });

async function newWorkspace() {
  const tenant = await fixture.registry.tenants.create({ name: uniqueName('t'), displayName: 'T' });
  const workspace = await fixture.registry.workspaces.create({
    tenantId: tenant.id,
    name: uniqueName('w'),
    displayName: 'W',
    allowedBaseIds: ['appAAAAAAAAAAAAAA'],
  });
  return { tenant, workspace };
}

describe('API keys', () => {
  it('shows the secret once and keeps only its hash', async () => {
    const { workspace } = await newWorkspace();
    const { apiKey, secret } = await fixture.registry.apiKeys.create({
      workspaceId: workspace.id,
      name: 'ci',
      role: 'editor',
    });
    expect(secret.startsWith(`${API_KEY_PREFIX}${apiKey.id}_`)).toBe(true);
    const { rows } = await fixture.pool.query<Record<string, unknown>>(
      'select * from registry_api_keys where id = $1',
      [apiKey.id],
    );
    expect(JSON.stringify(rows)).not.toContain(secret.slice(-43));
    expect(JSON.stringify(await fixture.registry.apiKeys.list(workspace.id))).not.toContain(
      secret.slice(-43),
    );
  });

  it('verifies a good key, records its use, and rejects altered, revoked and expired keys', async () => {
    const { workspace } = await newWorkspace();
    const { apiKey, secret } = await fixture.registry.apiKeys.create({
      workspaceId: workspace.id,
      name: 'bot',
      role: 'viewer',
      expiresAt: new Date(clock.getTime() + 3_600_000),
    });
    const verified = await fixture.registry.apiKeys.verify(secret);
    expect(verified?.id).toBe(apiKey.id);
    expect(verified?.lastUsedAt).toEqual(clock);
    const altered = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    expect(await fixture.registry.apiKeys.verify(altered)).toBeUndefined();
    expect(await fixture.registry.apiKeys.verify('pyat_nonsense')).toBeUndefined();
    clock = new Date(clock.getTime() + 2 * 3_600_000);
    expect(await fixture.registry.apiKeys.verify(secret)).toBeUndefined();
  });

  it('revokes within its workspace only', async () => {
    const one = await newWorkspace();
    const other = await newWorkspace();
    const { apiKey, secret } = await fixture.registry.apiKeys.create({
      workspaceId: one.workspace.id,
      name: 'k',
      role: 'owner',
    });
    expect(await fixture.registry.apiKeys.revoke(other.workspace.id, apiKey.id)).toBe(false);
    expect(await fixture.registry.apiKeys.verify(secret)).toBeDefined();
    expect(await fixture.registry.apiKeys.revoke(one.workspace.id, apiKey.id)).toBe(true);
    expect(await fixture.registry.apiKeys.verify(secret)).toBeUndefined();
    const [listed] = await fixture.registry.apiKeys.list(one.workspace.id);
    expect(listed?.revokedAt).not.toBeNull();
  });
});

describe('workspace access', () => {
  it('grants a member their role and says why others are refused', async () => {
    const { tenant, workspace } = await newWorkspace();
    const member = await fixture.registry.users.create({
      email: `${uniqueName('m')}@example.com`,
      displayName: 'M',
    });
    const stranger = await fixture.registry.users.create({
      email: `${uniqueName('s')}@example.com`,
      displayName: 'S',
    });
    await fixture.registry.members.upsert(workspace.id, { email: member.email, role: 'editor' });

    const granted = await fixture.registry.access.forUser(member.id, workspace.id);
    expect(granted).toMatchObject({
      granted: true,
      access: { role: 'editor', tenant: { id: tenant.id }, workspace: { id: workspace.id } },
    });
    expect(await fixture.registry.access.forUser(stranger.id, workspace.id)).toEqual({
      granted: false,
      reason: 'not-a-member',
    });
    expect(await fixture.registry.access.forUser(member.id, 'wsp_unknown')).toEqual({
      granted: false,
      reason: 'unknown-workspace',
    });
    expect(await fixture.registry.access.forUser('usr_unknown', workspace.id)).toEqual({
      granted: false,
      reason: 'unknown-user',
    });
    await fixture.registry.users.setDisabled(member.id, true);
    expect(await fixture.registry.access.forUser(member.id, workspace.id)).toEqual({
      granted: false,
      reason: 'user-disabled',
    });
  });

  it('grants an API key its own role in its own workspace', async () => {
    const { workspace } = await newWorkspace();
    const { secret, apiKey } = await fixture.registry.apiKeys.create({
      workspaceId: workspace.id,
      name: 'reader',
      role: 'viewer',
    });
    const result = await fixture.registry.access.forApiKey(secret);
    expect(result).toMatchObject({
      granted: true,
      access: {
        role: 'viewer',
        workspace: { id: workspace.id },
        principal: { kind: 'apiKey', keyId: apiKey.id },
      },
    });
    expect(await fixture.registry.access.forApiKey('pyat_bad')).toEqual({
      granted: false,
      reason: 'invalid-api-key',
    });
  });
});

describe('users', () => {
  it('finds credentials by email or username, case-insensitively, and refuses duplicates', async () => {
    const name = uniqueName('grace');
    const user = await fixture.registry.users.create({
      email: `${name}@Example.com`,
      username: name,
      displayName: 'Grace',
      passwordHash: 'scrypt$hash',
    });
    expect((await fixture.registry.users.findCredentials(`${name}@example.COM`))?.user.id).toBe(
      user.id,
    );
    expect(await fixture.registry.users.findCredentials(name.toUpperCase())).toEqual({
      user,
      passwordHash: 'scrypt$hash',
    });
    expect(JSON.stringify(user)).not.toContain('scrypt$hash');
    await expect(
      fixture.registry.users.create({ email: `${name}@EXAMPLE.com`, displayName: 'Copy' }),
    ).rejects.toMatchObject({ status: 409 });
  });
});

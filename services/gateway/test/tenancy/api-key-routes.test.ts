import { beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '@pyairtable/registry';
import { useGateway } from '../support/gateway-harness.ts';
import { arrangeAcmeTeam } from './arrange-workspace.ts';
import type { AcmeTeam } from './arrange-workspace.ts';

const harness = useGateway();

let tokens: AcmeTeam['tokens'];
let ownerId = '';
let workspace: Workspace;

const keysUrl = (suffix = '') => `/api/workspaces/${workspace.id}/api-keys${suffix}`;

interface CreatedKey {
  apiKey: {
    id: string;
    name: string;
    role: string;
    expiresAt: string | null;
    revokedAt: string | null;
  };
  secret: string;
}

beforeAll(async () => {
  const team = await arrangeAcmeTeam(harness);
  ({ tokens, workspace } = team);
  ownerId = team.users.owner.id;
});

describe('workspace API keys', () => {
  it('show their secret once, at creation, and never in the list', async () => {
    const create = await harness.request({
      method: 'POST',
      url: keysUrl(),
      body: { name: 'nightly sync', role: 'editor', expiresInDays: 30 },
      token: tokens.owner,
    });
    expect(create.statusCode).toBe(201);
    const { apiKey, secret } = create.json<CreatedKey>();
    expect(secret).toMatch(/^pyat_/);
    expect(apiKey).toMatchObject({ name: 'nightly sync', role: 'editor', revokedAt: null });
    const expiresInDays = (Date.parse(apiKey.expiresAt ?? '') - Date.now()) / 86_400_000;
    expect(expiresInDays).toBeGreaterThan(29.9);
    expect(expiresInDays).toBeLessThanOrEqual(30);

    const list = await harness.request({ method: 'GET', url: keysUrl(), token: tokens.owner });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ apiKeys: { id: string }[] }>().apiKeys.map((key) => key.id)).toEqual([
      apiKey.id,
    ]);
    const secretPart = secret.split('_').at(-1) ?? secret;
    expect(list.body).not.toContain(secretPart);
    expect(list.body).not.toMatch(/secret|hash/i);
  });

  it('stop working when revoked, and the list says when', async () => {
    const { apiKey, secret } = (
      await harness.request({
        method: 'POST',
        url: keysUrl(),
        body: { name: 'to revoke', role: 'viewer' },
        token: tokens.owner,
      })
    ).json<CreatedKey>();
    expect(apiKey.expiresAt).toBeNull();
    expect(await harness.registry.apiKeys.verify(secret)).toBeDefined();

    const revoke = await harness.request({
      method: 'DELETE',
      url: keysUrl(`/${apiKey.id}`),
      token: tokens.owner,
    });
    expect(revoke.statusCode).toBe(204);
    expect(revoke.body).toBe('');
    expect(await harness.registry.apiKeys.verify(secret)).toBeUndefined();

    const listed = (await harness.request({ method: 'GET', url: keysUrl(), token: tokens.owner }))
      .json<{ apiKeys: CreatedKey['apiKey'][] }>()
      .apiKeys.find((key) => key.id === apiKey.id);
    expect(listed?.revokedAt).not.toBeNull();

    const unknown = await harness.request({
      method: 'DELETE',
      url: keysUrl('/key_0000000000000000'),
      token: tokens.owner,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('are for owners only (403)', async () => {
    for (const token of [tokens.editor, tokens.viewer]) {
      const create = await harness.request({
        method: 'POST',
        url: keysUrl(),
        body: { name: 'mine', role: 'viewer' },
        token,
      });
      expect(create.statusCode).toBe(403);
      expect((await harness.request({ method: 'GET', url: keysUrl(), token })).statusCode).toBe(
        403,
      );
    }
  });

  it('reject a name too long or an expiry out of range with 400 naming the field', async () => {
    const long = await harness.request({
      method: 'POST',
      url: keysUrl(),
      body: { name: 'x'.repeat(101), role: 'viewer', expiresInDays: 366 },
      token: tokens.owner,
    });
    expect(long.statusCode).toBe(400);
    const fields = long.json<{ errors: { field: string }[] }>().errors.map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'expiresInDays']));
  });

  it('are audited on creation and revocation, without the secret', async () => {
    const entries = await harness.audit.list({ actorUserId: ownerId });
    const created = entries.filter((entry) => entry.action === 'api_key.create');
    expect(created).toHaveLength(2);
    expect(created[0]).toMatchObject({
      outcome: 'success',
      targetType: 'api_key',
      details: { workspaceId: workspace.id, name: 'to revoke', role: 'viewer' },
    });
    expect(JSON.stringify(entries)).not.toMatch(/pyat_/);
    expect(entries.filter((entry) => entry.action === 'api_key.revoke')).toHaveLength(1);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '@pyairtable/registry';
import { useGateway } from '../support/gateway-harness.ts';
import { arrangeWorkspace } from './arrange-workspace.ts';

const harness = useGateway();

let aliceToken = '';
let acme: Workspace;
let globex: Workspace;
let globexKey = { id: '', secret: '' };

beforeAll(async () => {
  aliceToken = (await harness.signUp('alice@acme.test')).token;
  await harness.signUp('bob@globex.test');
  acme = (
    await arrangeWorkspace(harness.registry, 'acme', [{ email: 'Alice@acme.test', role: 'owner' }])
  ).workspace;
  globex = (
    await arrangeWorkspace(harness.registry, 'globex', [
      { email: 'bob@globex.test', role: 'owner' },
    ])
  ).workspace;
  const created = await harness.registry.apiKeys.create({
    workspaceId: globex.id,
    name: 'ci',
    role: 'editor',
  });
  globexKey = { id: created.apiKey.id, secret: created.secret };
});

describe('a member’s workspaces', () => {
  it('lists only the workspaces whose members include the caller, with the role', async () => {
    const response = await harness.request({
      method: 'GET',
      url: '/api/workspaces',
      token: aliceToken,
    });
    expect(response.statusCode).toBe(200);
    const { workspaces } = response.json<{ workspaces: { id: string; role: string }[] }>();
    expect(workspaces).toEqual([expect.objectContaining({ id: acme.id, role: 'owner' })]);
  });

  it('shows a workspace with its bases, tenant and the quotas in force', async () => {
    const response = await harness.request({
      method: 'GET',
      url: `/api/workspaces/${acme.id}`,
      token: aliceToken,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      tenantId: acme.tenantId,
      tenantDisplayName: 'Tenant acme',
      allowedBaseIds: acme.allowedBaseIds,
      quotas: { chatRequestsPerMinute: 60, airtableRequestsPerSecond: 5 },
      role: 'owner',
    });
  });

  it('needs an access token', async () => {
    const response = await harness.request({ method: 'GET', url: '/api/workspaces' });
    expect(response.statusCode).toBe(401);
    expect(response.json<{ code: string }>().code).toBe('GW_UNAUTHENTICATED');
  });
});

describe('another tenant’s workspace', () => {
  const routes = (id: string) =>
    [
      { method: 'GET', url: `/api/workspaces/${id}` },
      { method: 'GET', url: `/api/workspaces/${id}/members` },
      {
        method: 'PUT',
        url: `/api/workspaces/${id}/members/alice@acme.test`,
        body: { role: 'owner' },
      },
      { method: 'DELETE', url: `/api/workspaces/${id}/members/bob@globex.test` },
      { method: 'GET', url: `/api/workspaces/${id}/api-keys` },
      { method: 'POST', url: `/api/workspaces/${id}/api-keys`, body: { name: 'x', role: 'owner' } },
      { method: 'DELETE', url: `/api/workspaces/${id}/api-keys/${globexKey.id}` },
    ] as const;

  it('answers 404 on every route, exactly as a workspace that does not exist', async () => {
    for (const route of routes(globex.id)) {
      const response = await harness.request({ ...route, token: aliceToken });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(404);
      const problem = response.json<{ code: string; detail: string }>();
      expect(problem.code).toBe('GW_NOT_FOUND');
      expect(problem.detail).toBe(
        `Workspace ${globex.id} does not exist or is not visible to you.`,
      );
    }
    const unknown = await harness.request({
      method: 'GET',
      url: '/api/workspaces/wsp_doesnotexist0000',
      token: aliceToken,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ code: string }>().code).toBe('GW_NOT_FOUND');
  });

  it('is left untouched by those attempts', async () => {
    const members = await harness.registry.members.list(globex.id);
    expect(members.map(({ email, role }) => ({ email, role }))).toEqual([
      { email: 'bob@globex.test', role: 'owner' },
    ]);
    expect(await harness.registry.apiKeys.list(globex.id)).toHaveLength(1);
    expect(await harness.registry.apiKeys.verify(globexKey.secret)).toBeDefined();
  });

  it('keeps its API keys out of reach through the caller’s own workspace', async () => {
    const response = await harness.request({
      method: 'DELETE',
      url: `/api/workspaces/${acme.id}/api-keys/${globexKey.id}`,
      token: aliceToken,
    });
    expect(response.statusCode).toBe(404);
    expect(await harness.registry.apiKeys.verify(globexKey.secret)).toBeDefined();
  });
});

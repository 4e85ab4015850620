import { describe, expect, it, vi } from 'vitest';
import { WRITE_TOOL_NAMES } from '../../src/register-airtable-tools.ts';
import { useRunningMcp } from '../support/mcp-http-harness.ts';
import { SALES_BASE } from '../support/platform-fixture.ts';
import type { TokenOverrides } from '../support/platform-fixture.ts';

const running = useRunningMcp();

async function postToolsList(headers: Record<string, string>): Promise<Response> {
  return fetch(`${running.mcp.url}/mcp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
}

async function problemOf(
  response: Response,
): Promise<{ status: number; code: string; detail: string }> {
  const body = (await response.json()) as { code: string; detail: string };
  return { status: response.status, code: body.code, detail: body.detail };
}

async function tokenHeaders(userId: string, overrides?: TokenOverrides, workspaceId?: string) {
  return {
    authorization: `Bearer ${await running.mcp.platform.accessToken(userId, overrides)}`,
    'x-workspace-id': workspaceId ?? running.mcp.platform.workspaceId,
  };
}

describe('access tokens', () => {
  it('lets a workspace owner list and call every tool', async () => {
    const { platform } = running.mcp;
    const session = await running.mcp.connect(await tokenHeaders(platform.users.owner));
    try {
      const names = (await session.client.listTools()).tools.map((tool) => tool.name);
      for (const write of WRITE_TOOL_NAMES) expect(names).toContain(write);
      const created = await session.call('create_records', {
        baseId: SALES_BASE,
        table: 'Deals',
        records: [{ fields: { Name: 'Created through HTTP' } }],
      });
      expect(created.isError).toBeUndefined();
    } finally {
      await session.close();
    }
  });

  it('offers a viewer only read-only tools and explains a refused write', async () => {
    const session = await running.mcp.connect(
      await tokenHeaders(running.mcp.platform.users.viewer),
    );
    try {
      const { tools } = await session.client.listTools();
      expect(tools.length).toBeGreaterThan(0);
      for (const tool of tools) {
        expect(WRITE_TOOL_NAMES.has(tool.name)).toBe(false);
        expect(tool.annotations?.readOnlyHint).toBe(true);
      }
      const refused = await session.call('delete_records', {
        baseId: SALES_BASE,
        table: 'Deals',
        recordIds: ['rec00000000000000'],
      });
      expect(refused.isError).toBe(true);
      const [block] = refused.content;
      expect(block?.type === 'text' ? block.text : '').toContain('viewer, which may only read');
      const read = await session.call('list_records', {
        baseId: SALES_BASE,
        table: 'Deals',
        pageSize: 1,
      });
      expect(read.isError).toBeUndefined();
    } finally {
      await session.close();
    }
  });

  it.each<[string, TokenOverrides, string]>([
    ['an expired token', { expiresInSeconds: -60 }, 'expired'],
    ['a token for another audience', { audience: 'someone-else' }, 'wrong-audience'],
    ['a token from another issuer', { issuer: 'evil' }, 'wrong-issuer'],
    ['a token signed by a foreign key', { foreignKey: true }, 'bad-signature'],
  ])('refuses %s with 401', async (_label, overrides, reason) => {
    const response = await postToolsList(
      await tokenHeaders(running.mcp.platform.users.owner, overrides),
    );
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ status: 401, code: 'MCP_UNAUTHENTICATED' });
    expect(problem.detail).toContain(reason);
  });

  it('refuses an unsigned (alg none) token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const claims = Buffer.from(
      JSON.stringify({
        sub: running.mcp.platform.users.owner,
        iss: 'pyairtable',
        aud: 'pyairtable',
        exp: 9_999_999_999,
      }),
    ).toString('base64url');
    const response = await postToolsList({
      authorization: `Bearer ${header}.${claims}.`,
      'x-workspace-id': running.mcp.platform.workspaceId,
    });
    expect(response.status).toBe(401);
  });

  it('asks for the workspace when a token comes without X-Workspace-Id', async () => {
    const response = await postToolsList({
      authorization: `Bearer ${await running.mcp.platform.accessToken(running.mcp.platform.users.owner)}`,
    });
    expect(await problemOf(response)).toMatchObject({
      status: 400,
      code: 'MCP_WORKSPACE_REQUIRED',
    });
  });

  it("answers 404 for another tenant's workspace, and for a workspace that does not exist", async () => {
    const { platform } = running.mcp;
    const foreign = await postToolsList(
      await tokenHeaders(platform.users.owner, {}, platform.otherWorkspaceId),
    );
    const missing = await postToolsList(
      await tokenHeaders(platform.users.owner, {}, 'wsp_doesnotexist0000'),
    );
    const foreignProblem = await problemOf(foreign);
    const missingProblem = await problemOf(missing);
    expect(foreignProblem).toMatchObject({ status: 404, code: 'MCP_WORKSPACE_NOT_FOUND' });
    expect(missingProblem.status).toBe(404);
    expect(foreignProblem.detail.replace(platform.otherWorkspaceId, 'X')).toBe(
      missingProblem.detail.replace('wsp_doesnotexist0000', 'X'),
    );
  });
});

describe('API keys', () => {
  it('refuses an unknown key, and a key once revoked', async () => {
    const unknown = await postToolsList({
      authorization: 'Bearer pyat_key_0000000000000000_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    });
    expect(await problemOf(unknown)).toMatchObject({ status: 401, code: 'MCP_UNAUTHENTICATED' });

    const { platform } = running.mcp;
    const { apiKey, secret } = await platform.registry.apiKeys.create({
      workspaceId: platform.workspaceId,
      name: 'short-lived',
      role: 'editor',
    });
    expect((await postToolsList({ 'x-api-key': secret })).status).toBe(200);
    await platform.registry.apiKeys.revoke(platform.workspaceId, apiKey.id);
    // mcp cached the key's access; the registry's change announcement must drop it.
    await vi.waitFor(async () => {
      expect((await postToolsList({ 'x-api-key': secret })).status).toBe(401);
    });
  });

  it("scopes another tenant's key to that tenant's bases", async () => {
    const session = await running.mcp.connect({
      authorization: `Bearer ${running.mcp.platform.apiKeys.otherTenant}`,
    });
    try {
      const result = await session.call('list_records', { baseId: SALES_BASE, table: 'Deals' });
      expect(result.isError).toBe(true);
      const bases = await session.call('list_bases');
      expect(JSON.stringify(bases.structuredContent)).not.toContain(SALES_BASE);
    } finally {
      await session.close();
    }
  });
});

describe('tenants', () => {
  it('refuses a suspended tenant with 403 and says so', async () => {
    const { platform } = running.mcp;
    const tenant = await platform.registry.tenants.create({ name: 'suspended', displayName: 'S' });
    const workspace = await platform.registry.workspaces.create({
      tenantId: tenant.id,
      name: 'w',
      displayName: 'W',
    });
    await platform.registry.credentials.setToken(tenant.id, 'patIrrelevant');
    await platform.registry.tenants.update(tenant.id, { suspended: true });
    const { secret } = await platform.registry.apiKeys.create({
      workspaceId: workspace.id,
      name: 'k',
      role: 'owner',
    });
    expect(await problemOf(await postToolsList({ 'x-api-key': secret }))).toMatchObject({
      status: 403,
      code: 'MCP_TENANT_SUSPENDED',
    });
  });

  it('answers 503 when a tenant has no Airtable token yet', async () => {
    const { platform } = running.mcp;
    const tenant = await platform.registry.tenants.create({ name: 'no-token', displayName: 'N' });
    const workspace = await platform.registry.workspaces.create({
      tenantId: tenant.id,
      name: 'w',
      displayName: 'W',
    });
    const { secret } = await platform.registry.apiKeys.create({
      workspaceId: workspace.id,
      name: 'k',
      role: 'owner',
    });
    expect(await problemOf(await postToolsList({ 'x-api-key': secret }))).toMatchObject({
      status: 503,
      code: 'MCP_CREDENTIAL_MISSING',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { DEMO_PROJECTS_BASE_ID, DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { useFullPlatform } from '../support/full-platform.ts';

const running = useFullPlatform();

async function call(
  path: string,
  init: { method?: string; token?: string; headers?: Record<string, string>; body?: unknown } = {},
) {
  const response = await fetch(`${running.platform.gatewayUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return response;
}

describe('tenant isolation through the gateway', () => {
  it("gives Alice 404 for every workspace route of Bob's workspace", async () => {
    const { alice, bob } = running.platform;
    const token = await alice.accessToken();
    const paths = [
      `/api/workspaces/${bob.workspaceId}`,
      `/api/workspaces/${bob.workspaceId}/members`,
      `/api/workspaces/${bob.workspaceId}/api-keys`,
    ];
    for (const path of paths) expect((await call(path, { token })).status, path).toBe(404);
    const created = await call(`/api/workspaces/${bob.workspaceId}/api-keys`, {
      method: 'POST',
      token,
      body: { name: 'steal', role: 'owner' },
    });
    expect(created.status).toBe(404);
  });

  it("keeps Bob's chat sessions from Alice, and Alice out of Bob's workspace in chat", async () => {
    const { alice, bob } = running.platform;
    const bobToken = await bob.accessToken();
    const session = await call('/api/chat/sessions', {
      method: 'POST',
      token: bobToken,
      body: { workspaceId: bob.workspaceId },
    });
    expect(session.status).toBe(201);
    const { id } = (await session.json()) as { id: string };
    const aliceToken = await alice.accessToken();
    for (const path of [`/api/chat/sessions/${id}`, `/api/chat/sessions/${id}/messages`]) {
      expect((await call(path, { token: aliceToken })).status, path).toBe(404);
    }
    const intrude = await call('/api/chat/sessions', {
      method: 'POST',
      token: aliceToken,
      body: { workspaceId: bob.workspaceId },
    });
    expect(intrude.status).toBe(404);
    const listed = await call(`/api/chat/sessions?workspaceId=${bob.workspaceId}`, {
      token: aliceToken,
    });
    expect(listed.status).toBe(404);
  });

  it("refuses Bob's base to Alice on the Airtable REST API, with a token or an API key", async () => {
    const { alice } = running.platform;
    const withToken = await call(`/api/airtable/bases/${DEMO_PROJECTS_BASE_ID}/schema`, {
      token: await alice.accessToken(),
      headers: { 'x-workspace-id': alice.workspaceId },
    });
    expect(withToken.status).toBe(403);
    const withKey = await call(
      `/api/airtable/bases/${DEMO_PROJECTS_BASE_ID}/tables/Projects/records`,
      {
        headers: { 'x-api-key': alice.apiKey },
      },
    );
    expect(withKey.status).toBe(403);
    const ownBases = await call('/api/airtable/bases', { headers: { 'x-api-key': alice.apiKey } });
    expect(
      ((await ownBases.json()) as { bases: { id: string }[] }).bases.map((base) => base.id),
    ).toEqual([DEMO_SALES_BASE_ID]);
    const otherWorkspace = await call('/api/airtable/bases', {
      token: await alice.accessToken(),
      headers: { 'x-workspace-id': running.platform.bob.workspaceId },
    });
    expect(otherWorkspace.status).toBe(404);
  });

  it('lets an outside MCP client in through /mcp with an API key, scoped to its workspace', async () => {
    const { alice, gatewayUrl } = running.platform;
    const client = new Client({ name: 'outside-client', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL('/mcp', gatewayUrl), {
        requestInit: { headers: { authorization: `Bearer ${alice.apiKey}` } },
      }),
    );
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('list_records');
      const own = (await client.callTool({
        name: 'list_records',
        arguments: { baseId: DEMO_SALES_BASE_ID, table: 'Deals', pageSize: 2 },
      })) as CallToolResult;
      expect(own.isError).toBeUndefined();
      const foreign = (await client.callTool({
        name: 'list_records',
        arguments: { baseId: DEMO_PROJECTS_BASE_ID, table: 'Projects' },
      })) as CallToolResult;
      expect(foreign.isError).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('refuses tampered and foreign tokens on every service', async () => {
    const { alice } = running.platform;
    const token = await alice.accessToken();
    const [header, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const forged = `${header ?? ''}.${Buffer.from(JSON.stringify({ ...claims, sub: running.platform.bob.userId })).toString('base64url')}.${token.split('.')[2] ?? ''}`;
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload ?? ''}.`;
    for (const bad of [forged, unsigned]) {
      expect((await call('/api/auth/me', { token: bad })).status).toBe(401);
      expect(
        (await call(`/api/chat/sessions?workspaceId=${alice.workspaceId}`, { token: bad })).status,
      ).toBe(401);
      expect(
        (
          await call('/api/airtable/bases', {
            token: bad,
            headers: { 'x-workspace-id': alice.workspaceId },
          })
        ).status,
      ).toBe(401);
    }
  });
});

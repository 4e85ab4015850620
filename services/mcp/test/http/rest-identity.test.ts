import { describe, expect, it } from 'vitest';
import { useRunningMcp } from '../support/mcp-http-harness.ts';
import { PROJECTS_BASE, SALES_BASE } from '../support/platform-fixture.ts';

const running = useRunningMcp();

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${running.mcp.url}/api/v1/airtable${path}`, { headers });
}

describe('the REST API behind the same identity as /mcp', () => {
  it("lists the caller's workspace bases only", async () => {
    const own = await get('/bases', { 'x-api-key': running.mcp.platform.apiKeys.viewer });
    expect(own.status).toBe(200);
    const ownIds = ((await own.json()) as { bases: { id: string }[] }).bases.map((base) => base.id);
    expect(ownIds).toEqual([SALES_BASE]);
    const other = await get('/bases', { 'x-api-key': running.mcp.platform.apiKeys.otherTenant });
    const otherIds = ((await other.json()) as { bases: { id: string }[] }).bases.map(
      (base) => base.id,
    );
    expect(otherIds).toEqual([PROJECTS_BASE]);
  });

  it("refuses another tenant's base with 403 and a missing credential with 401", async () => {
    const foreign = await get(`/bases/${PROJECTS_BASE}/schema`, {
      'x-api-key': running.mcp.platform.apiKeys.editor,
    });
    expect(foreign.status).toBe(403);
    const anonymous = await get('/bases');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
  });

  it('lets a viewer access token read but not write', async () => {
    const { platform } = running.mcp;
    const headers = {
      authorization: `Bearer ${await platform.accessToken(platform.users.viewer)}`,
      'x-workspace-id': platform.workspaceId,
    };
    const read = await get(`/bases/${SALES_BASE}/tables/Deals/records?pageSize=2`, headers);
    expect(read.status).toBe(200);
    const write = await fetch(
      `${running.mcp.url}/api/v1/airtable/bases/${SALES_BASE}/tables/Deals/records`,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ records: [{ fields: { Name: 'Not allowed' } }] }),
      },
    );
    expect(write.status).toBe(403);
    expect(((await write.json()) as { code: string }).code).toBe('MCP_READ_ONLY_ROLE');
  });

  it('serves the OpenAPI document without credentials', async () => {
    const response = await get('/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/api/v1/airtable/bases');
    expect(Object.keys(document.paths)).not.toContain('/mcp');
  });
});

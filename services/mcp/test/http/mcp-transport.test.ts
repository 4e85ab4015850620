import { describe, expect, it } from 'vitest';
import { AIRTABLE_TOOL_NAMES } from '../../src/index.ts';
import { useRunningMcp } from '../support/mcp-http-harness.ts';
import { PROJECTS_BASE, SALES_BASE } from '../support/platform-fixture.ts';

const running = useRunningMcp();

const JSON_RPC_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
};

describe('Streamable HTTP at /mcp', () => {
  it('lists every tool and runs one over HTTP with an API key', async () => {
    const session = await running.mcp.connect({
      authorization: `Bearer ${running.mcp.platform.apiKeys.editor}`,
    });
    try {
      const { tools } = await session.client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(
        expect.arrayContaining([...AIRTABLE_TOOL_NAMES]),
      );
      const result = await session.call('list_records', {
        baseId: SALES_BASE,
        table: 'Deals',
        pageSize: 5,
      });
      expect(result.isError).toBeUndefined();
      const page = result.structuredContent as { records: unknown[]; nextCursor?: string };
      expect(page.records).toHaveLength(5);
      expect(page.nextCursor).toEqual(expect.any(String));
    } finally {
      await session.close();
    }
  });

  it('answers each POST on its own: no session id, a fresh server per request', async () => {
    const response = await fetch(`${running.mcp.url}/mcp`, {
      method: 'POST',
      headers: { ...JSON_RPC_HEADERS, 'x-api-key': running.mcp.platform.apiKeys.viewer },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('mcp-session-id')).toBeNull();
    const body = (await response.json()) as { result: { tools: { name: string }[] } };
    expect(body.result.tools.map((tool) => tool.name)).toContain('list_records');
  });

  it('answers GET and DELETE with 405 and says why', async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(`${running.mcp.url}/mcp`, {
        method,
        headers: { authorization: `Bearer ${running.mcp.platform.apiKeys.editor}` },
      });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      const problem = (await response.json()) as { detail: string };
      expect(problem.detail).toContain('stateless');
    }
  });

  it('refuses a request without credentials with 401 problem+json', async () => {
    const response = await fetch(`${running.mcp.url}/mcp`, {
      method: 'POST',
      headers: JSON_RPC_HEADERS,
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    const problem = (await response.json()) as { code: string; detail: string };
    expect(problem.code).toBe('MCP_UNAUTHENTICATED');
    expect(problem.detail).toContain('X-Workspace-Id');
  });

  it('rejects a body that is not JSON-RPC with a 400, not a 500', async () => {
    const response = await fetch(`${running.mcp.url}/mcp`, {
      method: 'POST',
      headers: { ...JSON_RPC_HEADERS, 'x-api-key': running.mcp.platform.apiKeys.editor },
      body: JSON.stringify({ hello: 'world' }),
    });
    expect(response.status).toBe(400);
    const broken = await fetch(`${running.mcp.url}/mcp`, {
      method: 'POST',
      headers: { ...JSON_RPC_HEADERS, 'x-api-key': running.mcp.platform.apiKeys.editor },
      body: '{"jsonrpc": "2.0", ',
    });
    expect(broken.status).toBe(400);
  });

  it('turns a call on a base outside the workspace into an isError result naming the allowed ones', async () => {
    const session = await running.mcp.connect({
      authorization: `Bearer ${running.mcp.platform.apiKeys.editor}`,
    });
    try {
      const result = await session.call('list_records', {
        baseId: PROJECTS_BASE,
        table: 'Projects',
      });
      expect(result.isError).toBe(true);
      const [block] = result.content;
      expect(block?.type === 'text' ? block.text : '').toContain(`Allowed bases: ${SALES_BASE}`);
    } finally {
      await session.close();
    }
  });

  it('counts tool calls in the service metrics', async () => {
    const session = await running.mcp.connect({
      authorization: `Bearer ${running.mcp.platform.apiKeys.editor}`,
    });
    await session.call('list_bases');
    await session.close();
    const metrics = await (await fetch(`${running.mcp.url}/metrics`)).text();
    expect(metrics).toMatch(/mcp_tool_calls_total\{[^}]*tool="list_bases"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/http_server_request_duration_seconds_count\{[^}]*route="\/mcp"/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '@pyairtable/kit';
import { useGateway } from '../support/gateway-harness.ts';
import { startFakeUpstream } from './fake-upstream.ts';
import type { FakeUpstream } from './fake-upstream.ts';

const environment: Record<string, string> = {
  UPSTREAM_TIMEOUT_MS: '500',
  CORS_ORIGINS: 'https://app.example.com',
};
let chat: FakeUpstream | undefined;
let gatewayUrl = '';

beforeAll(async () => {
  chat = await startFakeUpstream();
  environment['CHAT_URL'] = chat.url;
  // Nothing listens there: mcp is "down".
  environment['MCP_URL'] = `http://127.0.0.1:${String(await findFreePort())}`;
});
const gateway = useGateway(environment);
beforeAll(async () => {
  gatewayUrl = (await gateway.app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '');
});
afterAll(async () => {
  await chat?.close();
});

function upstream(): FakeUpstream {
  if (chat === undefined) throw new Error('no upstream');
  return chat;
}

describe('routing to the services', () => {
  it('forwards chat requests with their credentials, a request id and the body', async () => {
    const response = await fetch(`${gatewayUrl}/api/chat/sessions?limit=5`, {
      method: 'POST',
      headers: { authorization: 'Bearer user-token', 'content-type': 'application/json' },
      body: JSON.stringify({ workspaceId: 'wsp_1' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      echoed: '/api/chat/sessions?limit=5',
      body: { workspaceId: 'wsp_1' },
    });
    const seen = upstream().received.at(-1);
    expect(seen?.headers.authorization).toBe('Bearer user-token');
    expect(seen?.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('passes an SSE stream through as it is written, not when it ends', async () => {
    const response = await fetch(`${gatewayUrl}/api/chat/stream`);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
    if (reader === undefined) throw new Error('no body');
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('data: first');
    upstream().releaseStream();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += new TextDecoder().decode(chunk.value);
    }
    expect(rest).toContain('data: second');
  });

  it('answers 504 problem+json when a service is too slow to answer', async () => {
    const response = await fetch(`${gatewayUrl}/api/chat/slow`);
    expect(response.status).toBe(504);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { code: string }).code).toBe('GW_UPSTREAM_TIMEOUT');
  });

  it('answers 502 problem+json when a service is down, for MCP and the Airtable API alike', async () => {
    for (const path of ['/mcp', '/api/airtable/bases']) {
      const response = await fetch(`${gatewayUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(502);
      const problem = (await response.json()) as { code: string; detail: string };
      expect(problem.code).toBe('GW_UPSTREAM_UNREACHABLE');
      expect(problem.detail).toContain('mcp');
      expect(problem.detail).not.toContain('127.0.0.1');
    }
  });
});

describe('/api/health', () => {
  it('reports each component and is 503 while one is down', async () => {
    const response = await gateway.request({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(503);
    const health = response.json<{
      status: string;
      components: Record<string, { ok: boolean; error?: string }>;
    }>();
    expect(health.status).toBe('degraded');
    expect(health.components['chat']).toEqual({ ok: true });
    expect(health.components['mcp']).toEqual({ ok: false, error: 'unreachable' });
    expect(health.components['postgres']?.ok).toBe(true);
  });
});

describe('security and docs', () => {
  it('sets security headers', async () => {
    const response = await gateway.request({ method: 'GET', url: '/api/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['strict-transport-security']).toBeDefined();
  });

  it('allows CORS from configured origins only', async () => {
    const preflight = (origin: string) =>
      gateway.request({
        method: 'OPTIONS' as 'GET',
        url: '/api/health',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
    expect(
      (await preflight('https://app.example.com')).headers['access-control-allow-origin'],
    ).toBe('https://app.example.com');
    expect(
      (await preflight('https://evil.example.com')).headers['access-control-allow-origin'],
    ).toBeUndefined();
  });

  it('serves the OpenAPI document and the docs UI', async () => {
    const document = await gateway.request({ method: 'GET', url: '/api/openapi.json' });
    expect(document.statusCode).toBe(200);
    const paths = Object.keys(document.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/health', '/mcp', '/api/chat/{*}']));
    const docs = await gateway.request({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });
});

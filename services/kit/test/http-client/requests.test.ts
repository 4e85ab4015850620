import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient } from '../../src/http-client/create-http-client.ts';
import { startScriptedUpstream, type ScriptedUpstream } from './scripted-upstream.ts';

describe('http client requests', () => {
  let upstream: ScriptedUpstream;
  let client: HttpClient;

  beforeAll(async () => {
    upstream = await startScriptedUpstream();
    client = createHttpClient({
      baseUrl: `${upstream.url}/api`,
      timeoutMs: 2_000,
      retry: { attempts: 1, baseDelayMs: 100, maxDelayMs: 1_000 },
      breaker: { failureThreshold: 5, resetAfterMs: 1_000 },
      headers: { 'user-agent': 'kit-test' },
    });
    upstream.answer((request) => ({
      method: request.method,
      url: request.url,
      userAgent: request.headers['user-agent'],
      contentType: request.headers['content-type'],
      body: request.body,
    }));
  });
  afterAll(async () => {
    await upstream.close();
  });

  it('sends JSON with query parameters below the base path', async () => {
    const response = await client.request('/items', {
      method: 'post',
      query: { page: 2, archived: false, skipped: undefined },
      json: { name: 'Deal' },
    });

    expect(await response.json()).toEqual({
      method: 'POST',
      url: '/api/items?page=2&archived=false',
      userAgent: 'kit-test',
      contentType: 'application/json',
      body: { name: 'Deal' },
    });
  });

  it('lets a request override the default headers', async () => {
    const response = await client.request('items', { headers: { 'user-agent': 'other' } });
    expect(await response.json()).toMatchObject({ url: '/api/items', userAgent: 'other' });
  });

  it('refuses paths that leave the base URL', async () => {
    await expect(client.request('http://example.com/api/items')).rejects.toThrow(TypeError);
    await expect(client.request('../admin')).rejects.toThrow(TypeError);
    expect(upstream.hits()).toBe(2);
  });
});

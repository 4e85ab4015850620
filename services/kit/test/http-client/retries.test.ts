import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createHttpClient,
  type HttpClient,
  type HttpClientOptions,
} from '../../src/http-client/create-http-client.ts';
import {
  UpstreamNetworkError,
  UpstreamStatusError,
  UpstreamTimeoutError,
} from '../../src/http-client/upstream-errors.ts';
import { findFreePort as closedPort } from '../../src/net/ports.ts';
import { slow, startScriptedUpstream, status, type ScriptedUpstream } from './scripted-upstream.ts';

describe('http client retries', () => {
  let upstream: ScriptedUpstream;
  let sleeps: number[];

  // random() = 0.5 makes each full-jitter delay half its ceiling: 50, 100, 200 ms...
  const clientFor = (overrides: Partial<HttpClientOptions> = {}): HttpClient =>
    createHttpClient({
      baseUrl: upstream.url,
      name: 'scripted',
      timeoutMs: 2_000,
      retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 },
      breaker: { failureThreshold: 1_000, resetAfterMs: 1_000 },
      random: () => 0.5,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      ...overrides,
    });

  beforeAll(async () => {
    upstream = await startScriptedUpstream();
  });
  afterAll(async () => {
    await upstream.close();
  });
  beforeEach(() => {
    sleeps = [];
  });

  it('retries 502, 503 and 504 with growing jittered delays until one succeeds', async () => {
    upstream.answer(status(502), status(503), status(504), status(200));
    const client = clientFor({
      retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 },
    });

    const response = await client.request('/items');

    expect(await response.json()).toEqual({ status: 200 });
    expect(upstream.hits()).toBe(4);
    expect(sleeps).toEqual([50, 100, 200]);
  });

  it('keeps the delay under maxDelayMs', async () => {
    upstream.answer(status(503));
    const client = clientFor({ retry: { attempts: 5, baseDelayMs: 100, maxDelayMs: 150 } });

    await expect(client.request('/items')).rejects.toThrow(UpstreamStatusError);
    expect(sleeps).toEqual([50, 75, 75, 75]);
  });

  it('gives up after the last attempt with the upstream status', async () => {
    upstream.answer(status(503));

    const error: unknown = await clientFor()
      .request('/items')
      .catch((error: unknown) => error);

    expect(error).toBeInstanceOf(UpstreamStatusError);
    expect(error).toMatchObject({ status: 503, statusCode: 502, code: 'UPSTREAM_STATUS' });
    expect(upstream.hits()).toBe(3);
  });

  it.each([400, 401, 403, 404, 409, 422, 500, 501])('does not retry %i', async (code) => {
    upstream.answer(status(code), status(200));

    const error: unknown = await clientFor()
      .request('/items')
      .catch((error: unknown) => error);

    expect(error).toMatchObject({ status: code, body: JSON.stringify({ status: code }) });
    expect(upstream.hits()).toBe(1);
  });

  it.each(['POST', 'PATCH'])('does not retry %s unless marked idempotent', async (method) => {
    upstream.answer(status(503));
    await expect(clientFor().request('/items', { method })).rejects.toThrow(UpstreamStatusError);
    expect(upstream.hits()).toBe(1);

    upstream.answer(status(503), status(201));
    const response = await clientFor().request('/items', { method, idempotent: true });
    expect(response.status).toBe(201);
    expect(upstream.hits()).toBe(2);
  });

  it.each(['PUT', 'DELETE'])('retries %s, idempotent by definition', async (method) => {
    upstream.answer(status(503), status(200));
    const response = await clientFor().request('/items/1', { method });
    expect(response.status).toBe(200);
    expect(upstream.hits()).toBe(2);
  });

  it('waits as long as a 429 Retry-After in seconds asks', async () => {
    upstream.answer(status(429, { 'retry-after': '2' }), status(200));

    const response = await clientFor().request('/items');

    expect(response.status).toBe(200);
    expect(sleeps).toEqual([2_000]);
  });

  it('waits until a Retry-After date', async () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    const retryAt = new Date(now + 3_000).toUTCString();
    upstream.answer(status(503, { 'retry-after': retryAt }), status(200));

    const response = await clientFor({ now: () => now }).request('/items');

    expect(response.status).toBe(200);
    expect(sleeps).toEqual([3_000]);
  });

  it('backs off as usual on a 429 without Retry-After', async () => {
    upstream.answer(status(429), status(200));
    await clientFor().request('/items');
    expect(sleeps).toEqual([50]);
  });

  it('gives up at once when Retry-After is beyond the cap, and reports it', async () => {
    upstream.answer(status(429, { 'retry-after': '120' }), status(200));

    const error: unknown = await clientFor()
      .request('/items')
      .catch((error: unknown) => error);

    expect(error).toMatchObject({ status: 429, retryAfterMs: 120_000 });
    expect(upstream.hits()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('times out each attempt and retries it', async () => {
    upstream.answer(slow(5_000));

    const error: unknown = await clientFor({ timeoutMs: 50 })
      .request('/items')
      .catch((error: unknown) => error);

    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect(error).toMatchObject({ statusCode: 504, timeoutMs: 50 });
    expect(upstream.hits()).toBe(3);
  });

  it('retries a refused connection and then reports a network error', async () => {
    const client = clientFor({ baseUrl: `http://127.0.0.1:${await closedPort()}` });

    const error: unknown = await client.request('/items').catch((error: unknown) => error);

    expect(error).toBeInstanceOf(UpstreamNetworkError);
    expect(error).toMatchObject({ statusCode: 502, upstream: 'scripted' });
    expect(sleeps).toHaveLength(2);
  });

  it('stops at once with the caller reason when the caller aborts', async () => {
    upstream.answer(slow(5_000));
    const reason = new Error('the user went away');

    const controller = new AbortController();
    const aborted = clientFor().request('/items', { signal: controller.signal });
    setTimeout(() => {
      controller.abort(reason);
    }, 20);

    await expect(aborted).rejects.toBe(reason);
    expect(upstream.hits()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('stops waiting between attempts when the caller aborts', async () => {
    upstream.answer(status(503));
    const client = clientFor({
      sleep: undefined,
      retry: { attempts: 3, baseDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    const controller = new AbortController();
    const reason = new Error('shutting down');
    setTimeout(() => {
      controller.abort(reason);
    }, 50);

    await expect(client.request('/items', { signal: controller.signal })).rejects.toBe(reason);
    expect(upstream.hits()).toBe(1);
  });
});

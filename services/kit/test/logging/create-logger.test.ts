import { describe, expect, it } from 'vitest';
import { isSecretKey, redactString } from '../../src/logging/redact-secrets.ts';
import { createServiceApp } from '../../src/server/create-service-app.ts';
import { captureLogs } from '../support/capture-logs.ts';

const JWT =
  'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1c2VyLTEiLCJleHAiOjE3MDAwMDAwMDB9.c2lnbmF0dXJlLWJ5dGVz';
const AIRTABLE_TOKEN = `patAbCdEfGhIjKlMn.${'a1'.repeat(32)}`;

describe('logger redaction', () => {
  it('keeps the token of a logged request with an Authorization header out of the logs', async () => {
    const logs = captureLogs();
    const app = createServiceApp({ logger: logs.logger });
    app.get('/private', () => ({ ok: true }));
    const response = await app.inject({
      method: 'GET',
      url: '/private',
      headers: {
        authorization: `Bearer ${JWT}`,
        cookie: 'session=s3cr3t-cookie',
        'x-api-key': 'k-123456',
      },
    });
    expect(response.statusCode).toBe(200);
    const text = logs.text();
    expect(text).toContain('/private');
    expect(text).not.toContain(JWT);
    expect(text).not.toContain('s3cr3t-cookie');
    expect(text).not.toContain('k-123456');
    const incoming = logs.lines().find((line) => line['msg'] === 'incoming request');
    const headers = (incoming?.['req'] as { headers: Record<string, string> }).headers;
    expect(headers['authorization']).toBe('[REDACTED]');
    expect(headers['user-agent']).toBeDefined();
  });

  it('masks secret keys at any depth and secret shapes inside messages and errors', () => {
    const logs = captureLogs();
    logs.logger.info(
      { user: { name: 'ada', password: 'hunter2' }, upstream: { headers: { Authorization: 'x' } } },
      `calling airtable with ${AIRTABLE_TOKEN}`,
    );
    logs.logger.error({ err: new Error(`connect failed for postgres://app:pg-pass@db:5432/app`) });
    logs.logger.info({ usage: { promptTokenCount: 12, maxTokens: 100 }, apiKey: 'abc' }, 'usage');
    const text = logs.text();
    for (const secret of ['hunter2', AIRTABLE_TOKEN, 'pg-pass', '"abc"']) {
      expect(text).not.toContain(secret);
    }
    const [first, second, third] = logs.lines();
    expect(first?.['user']).toEqual({ name: 'ada', password: '[REDACTED]' });
    expect((second?.['err'] as { message: string }).message).toContain(
      'postgres://app:[REDACTED]@db:5432/app',
    );
    expect(third?.['usage']).toEqual({ promptTokenCount: 12, maxTokens: 100 });
  });

  it('stamps every line with the service name and an ISO time', () => {
    const logs = captureLogs();
    logs.logger.info('hello');
    const [line] = logs.lines();
    expect(line?.['service']).toBe('test');
    expect(line?.['level']).toBe('info');
    expect(typeof line?.['time']).toBe('string');
  });
});

describe('secret detection', () => {
  it('recognises secret keys by suffix but not usage counters', () => {
    for (const key of [
      'authorization',
      'Cookie',
      'DB_PASSWORD',
      'accessToken',
      'x-api-key',
      'client_secret',
    ]) {
      expect(isSecretKey(key), key).toBe(true);
    }
    for (const key of ['promptTokenCount', 'maxTokens', 'tokensPerSecond', 'email']) {
      expect(isSecretKey(key), key).toBe(false);
    }
  });

  it('masks query-string secrets and basic credentials', () => {
    expect(redactString('GET /x?api_key=abc123&page=2')).toBe('GET /x?api_key=[REDACTED]&page=2');
    expect(redactString('Basic dXNlcjpwYXNz')).toBe('Basic [REDACTED]');
  });
});

describe('redaction on finished lines', () => {
  it('never mangles JSON around URLs that carry no credentials', () => {
    const logs = captureLogs();
    logs.logger.info({ target: 'http://host:8001', contact: 'ops@example.com' }, 'routing');
    const [line] = logs.lines();
    expect(line?.['target']).toBe('http://host:8001');
    expect(line?.['contact']).toBe('ops@example.com');
  });
});

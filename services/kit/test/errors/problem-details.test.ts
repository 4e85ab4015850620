import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { defineErrors } from '../../src/errors/app-error.ts';
import { createServiceApp } from '../../src/server/create-service-app.ts';
import { captureLogs } from '../support/capture-logs.ts';

const errors = defineErrors({
  TEST_RATE_LIMITED: {
    status: 429,
    title: 'Too many requests',
    detail: (params: { limit: number; retryAfterSeconds: number }) =>
      `More than ${params.limit} requests per minute.`,
    extensions: (params: { limit: number; retryAfterSeconds: number }) => ({
      retryAfterSeconds: params.retryAfterSeconds,
    }),
    headers: (params: { limit: number; retryAfterSeconds: number }) => ({
      'retry-after': String(params.retryAfterSeconds),
    }),
  },
});

function buildApp() {
  const logs = captureLogs();
  const app = createServiceApp({ logger: logs.logger });
  app.get('/limited', () => {
    throw errors.TEST_RATE_LIMITED({ limit: 60, retryAfterSeconds: 12 });
  });
  app.get('/broken', () => {
    throw new Error('relation "secret_table" does not exist at db-host-7');
  });
  app.post(
    '/users',
    {
      schema: {
        body: Type.Object(
          { email: Type.String({ format: 'email' }), age: Type.Integer({ minimum: 0 }) },
          { additionalProperties: false },
        ),
      },
    },
    (request) => ({ email: request.body.email }),
  );
  return { app, logs };
}

describe('problem+json errors', () => {
  it('renders a registry error with its status, code, extensions and headers', async () => {
    const { app } = buildApp();
    const response = await app.inject({ method: 'GET', url: '/limited?x=1' });
    expect(response.statusCode).toBe(429);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['retry-after']).toBe('12');
    const body = response.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      type: 'urn:pyairtable:problem:test-rate-limited',
      title: 'Too many requests',
      status: 429,
      code: 'TEST_RATE_LIMITED',
      detail: 'More than 60 requests per minute.',
      instance: '/limited',
      retryAfterSeconds: 12,
    });
    expect(body['requestId']).toBe(response.headers['x-request-id']);
  });

  it('hides the internals of a 5xx but logs them', async () => {
    const { app, logs } = buildApp();
    const response = await app.inject({ method: 'GET', url: '/broken' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret_table');
    expect(response.body).not.toContain('stack');
    const body = response.json<{ code: string; detail: string; requestId: string }>();
    expect(body.code).toBe('KIT_INTERNAL');
    expect(body.detail).toContain(body.requestId);
    expect(logs.text()).toContain('secret_table');
  });

  it('answers a schema failure with 400 naming the offending field', async () => {
    const { app } = buildApp();
    const response = await app.inject({
      method: 'POST',
      url: '/users',
      payload: { email: 'not-an-email', age: -1, admin: true },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json<{
      code: string;
      detail: string;
      errors: { in: string; field: string }[];
    }>();
    expect(body.code).toBe('KIT_VALIDATION_FAILED');
    expect(body.errors.map((error) => `${error.in}.${error.field}`).sort()).toEqual([
      'body.admin',
      'body.age',
      'body.email',
    ]);
    expect(body.detail).toContain('body.email');
  });

  it('names a missing required field', async () => {
    const { app } = buildApp();
    const response = await app.inject({ method: 'POST', url: '/users', payload: { age: 3 } });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ detail: string }>().detail).toBe('body.email is required');
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const { app } = buildApp();
    const response = await app.inject({
      method: 'POST',
      url: '/users',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const { app } = buildApp();
    const response = await app.inject({ method: 'DELETE', url: '/nowhere?token=abc' });
    expect(response.statusCode).toBe(404);
    expect(response.json<{ detail: string }>().detail).toBe('No route matches DELETE /nowhere.');
  });
});

import { describe, expect, it } from 'vitest';
import { fastify } from 'fastify';
import { createReadinessRegistry, healthPlugin } from '../../src/health/health-plugin.ts';
import { createServiceApp } from '../../src/server/create-service-app.ts';
import { captureLogs } from '../support/capture-logs.ts';

function buildApp() {
  return createServiceApp({ logger: captureLogs('warn').logger, readinessTimeoutMs: 200 });
}

describe('health endpoints', () => {
  it('answers /livez without consulting dependencies', async () => {
    const app = buildApp();
    app.readiness.add({ name: 'db', check: () => Promise.reject(new Error('down')) });
    const response = await app.inject({ method: 'GET', url: '/livez' });
    expect(response.statusCode).toBe(200);
  });

  it('follows a dependency going down and coming back', async () => {
    const app = buildApp();
    let up = true;
    app.readiness.add({
      name: 'postgres',
      check: () => (up ? Promise.resolve() : Promise.reject(new Error('connect ECONNREFUSED'))),
    });
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    up = false;
    const down = await app.inject({ method: 'GET', url: '/readyz' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({
      status: 'not ready',
      checks: { postgres: { ok: false, error: 'connect ECONNREFUSED' } },
    });
    up = true;
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('fails a check that hangs, within its timeout', async () => {
    const app = buildApp();
    app.readiness.add({ name: 'redis', check: () => new Promise(() => undefined) });
    const started = Date.now();
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(response.body).toContain('no answer within 200 ms');
  });

  it('never puts a secret from a failing check into the answer', async () => {
    const app = buildApp();
    app.readiness.add({
      name: 'db',
      check: () => Promise.reject(new Error('cannot reach postgres://app:topsecret@db/app')),
    });
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.body).not.toContain('topsecret');
  });

  it('reports draining, without running checks, once shutdown has begun', async () => {
    const registry = createReadinessRegistry(200);
    let checked = 0;
    registry.add({
      name: 'db',
      check: () => {
        checked += 1;
        return Promise.resolve();
      },
    });
    const app = fastify();
    await app.register(healthPlugin, { registry, isDraining: () => true });
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json<{ status: string }>().status).toBe('draining');
    expect(checked).toBe(0);
  });

  it('marks a service app draining once it starts closing', async () => {
    const app = buildApp();
    await app.ready();
    expect(app.shutdownSignal.aborted).toBe(false);
    await app.close();
    expect(app.shutdownSignal.aborted).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { createServiceApp } from '../../src/server/create-service-app.ts';
import { captureLogs } from '../support/capture-logs.ts';

function buildApp() {
  const app = createServiceApp({ logger: captureLogs('warn').logger });
  app.get('/api/workspaces/:workspaceId', () => ({ ok: true }));
  return app;
}

async function scrape(app: ReturnType<typeof buildApp>): Promise<string> {
  const response = await app.inject({ method: 'GET', url: '/metrics' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('text/plain');
  return response.body;
}

describe('HTTP metrics', () => {
  it('labels requests by route template, never by raw URL', async () => {
    const app = buildApp();
    await app.inject({ method: 'GET', url: '/api/workspaces/wks123' });
    await app.inject({ method: 'GET', url: '/api/workspaces/wks456?x=1' });
    const body = await scrape(app);
    expect(body).toContain(
      'http_server_request_duration_seconds_count{method="GET",route="/api/workspaces/:workspaceId",status_code="200"} 2',
    );
    expect(body).not.toContain('wks123');
    expect(body).not.toContain('wks456');
  });

  it('groups unmatched URLs under one label with their status', async () => {
    const app = buildApp();
    await app.inject({ method: 'GET', url: '/random/probe/1' });
    await app.inject({ method: 'GET', url: '/random/probe/2' });
    const body = await scrape(app);
    expect(body).toContain(
      'http_server_request_duration_seconds_count{method="GET",route="(unmatched)",status_code="404"} 2',
    );
    expect(body).not.toContain('/random/probe');
  });

  it('exposes default Node metrics and the in-flight gauge', async () => {
    const body = await scrape(buildApp());
    expect(body).toContain('nodejs_eventloop_lag_seconds');
    expect(body).toContain('process_resident_memory_bytes');
    expect(body).toMatch(/http_server_requests_in_flight \d/);
  });
});

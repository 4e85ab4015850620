import { trace } from '@opentelemetry/api';
import { tracing } from '@opentelemetry/sdk-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shutdownTracing, startTracing } from '../../src/tracing/start-tracing.ts';
import { createServiceApp } from '../../src/server/create-service-app.ts';
import { captureLogs } from '../support/capture-logs.ts';

describe('log lines and traces', () => {
  beforeAll(() => {
    startTracing({
      serviceName: 'kit-test',
      spanProcessors: [new tracing.SimpleSpanProcessor(new tracing.InMemorySpanExporter())],
      instrumentations: [],
    });
  });
  afterAll(async () => {
    await shutdownTracing();
  });

  it('stamps lines written inside a span with its trace and span ids', () => {
    const logs = captureLogs();
    trace.getTracer('test').startActiveSpan('work', (span) => {
      logs.logger.info('inside');
      span.end();
    });
    logs.logger.info('outside');
    const [inside, outside] = logs.lines();
    expect(inside?.['traceId']).toMatch(/^[0-9a-f]{32}$/);
    expect(inside?.['spanId']).toMatch(/^[0-9a-f]{16}$/);
    expect(outside).not.toHaveProperty('traceId');
  });

  it('labels request log lines with the request id the caller sent', async () => {
    const logs = captureLogs();
    const app = createServiceApp({ logger: logs.logger });
    app.get('/hello', (request) => {
      request.log.info('handling');
      return { ok: true };
    });
    const response = await app.inject({
      method: 'GET',
      url: '/hello',
      headers: { 'x-request-id': 'req-42' },
    });
    expect(response.headers['x-request-id']).toBe('req-42');
    const handling = logs.lines().find((line) => line['msg'] === 'handling');
    expect(handling?.['requestId']).toBe('req-42');
  });

  it('replaces a request id that is not short and plain', async () => {
    const app = createServiceApp({ logger: captureLogs().logger });
    app.get('/hello', () => ({ ok: true }));
    const response = await app.inject({
      method: 'GET',
      url: '/hello',
      headers: { 'x-request-id': 'bad id\nwith newline' },
    });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type FixtureLine, type FixtureProcess } from './fixture-process.ts';

const SERVER = 1;
const CLIENT = 2;
const incomingTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const incomingParentId = '00f067aa0ba902b7';

// Instrumentation patches modules as they are imported, so the scenario runs in a child
// process started with a tracing preload, exactly as services start; spans come back as
// JSON lines on its stdout.
describe('tracing across services', () => {
  let fixture: FixtureProcess;
  let downstreamSaw: { traceparent?: string; tracestate?: string };
  const spans = (): FixtureLine[] => fixture.lines.filter((line) => line.type === 'span');

  beforeAll(async () => {
    fixture = startFixture(
      ['--import', './fixtures/print-spans.ts', './fixtures/two-services.ts'],
      { cwd: fileURLToPath(new URL('.', import.meta.url)) },
    );
    const ready = await fixture.waitFor((line) => line.type === 'ready');
    const response = await fetch(`${String(ready.url)}/upstream`, {
      headers: {
        traceparent: `00-${incomingTraceId}-${incomingParentId}-01`,
        tracestate: 'pyairtable=test',
      },
    });
    downstreamSaw = (await response.json()) as typeof downstreamSaw;
    // The upstream server span ends once its response is sent, just after we read it.
    await fixture.waitFor(
      (line) => line.type === 'span' && line.kind === SERVER && line.name === 'GET /upstream',
    );
  });

  afterAll(async () => {
    await fixture.stop();
  });

  it('continues the caller trace in the server span', () => {
    const server = spans().find((span) => span.name === 'GET /upstream');
    expect(server).toMatchObject({
      kind: SERVER,
      traceId: incomingTraceId,
      parentSpanId: incomingParentId,
      serviceName: 'tracing-fixture',
    });
  });

  it('records fastify request spans in the same trace', () => {
    const fastifySpans = spans().filter((span) => span.scope === '@fastify/otel');
    expect(fastifySpans.map((span) => span.name)).toContain('request');
    expect(fastifySpans.every((span) => span.traceId === incomingTraceId)).toBe(true);
  });

  it('records a client span for fetch and sends its context downstream', () => {
    const client = spans().find(
      (span) => span.kind === CLIENT && span.scope === '@opentelemetry/instrumentation-undici',
    );
    expect(client?.traceId).toBe(incomingTraceId);
    expect(downstreamSaw.traceparent).toBe(`00-${incomingTraceId}-${String(client?.spanId)}-01`);
    expect(downstreamSaw.tracestate).toBe('pyairtable=test');

    const downstreamServer = spans().find((span) => span.name === 'GET /downstream');
    expect(downstreamServer).toMatchObject({
      kind: SERVER,
      traceId: incomingTraceId,
      parentSpanId: client?.spanId,
    });
  });

  it('patches pg and ioredis imported as ES modules and records their spans', async () => {
    expect(await fixture.waitFor((line) => line.type === 'patched')).toMatchObject({
      pg: true,
      ioredis: true,
    });
    const scopes = spans().map((span) => span.scope);
    expect(scopes).toContain('@opentelemetry/instrumentation-pg');
    expect(scopes).toContain('@opentelemetry/instrumentation-ioredis');
  });
});

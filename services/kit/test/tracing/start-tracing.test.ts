import { context, propagation, trace } from '@opentelemetry/api';
import { tracing } from '@opentelemetry/sdk-node';
import { afterEach, describe, expect, it } from 'vitest';
import { currentTraceIds } from '../../src/tracing/current-trace-ids.ts';
import {
  shutdownTracing,
  startTracing,
  type TracingHandle,
} from '../../src/tracing/start-tracing.ts';

// In-process: no instrumentations (they would patch modules of the test runner); the
// scenarios that need them run in a child process (trace-propagation.test.ts).
function startInMemory(): {
  exporter: tracing.InMemorySpanExporter;
  handle: TracingHandle;
} {
  const exporter = new tracing.InMemorySpanExporter();
  const handle = startTracing({
    serviceName: 'kit-test',
    spanProcessors: [new tracing.SimpleSpanProcessor(exporter)],
    instrumentations: [],
  });
  return { exporter, handle };
}

describe('startTracing', () => {
  afterEach(async () => {
    await shutdownTracing();
  });

  it('exports finished spans with the service name', async () => {
    const { exporter, handle } = startInMemory();
    trace.getTracer('test').startSpan('work').end();
    await handle.forceFlush();

    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('work');
    expect(span?.resource.attributes['service.name']).toBe('kit-test');
  });

  it('reports the active span ids, and none outside a span', () => {
    startInMemory();
    expect(currentTraceIds()).toBeUndefined();

    trace.getTracer('test').startActiveSpan('work', (span) => {
      expect(currentTraceIds()).toEqual({
        traceId: span.spanContext().traceId,
        spanId: span.spanContext().spanId,
      });
      span.end();
    });
  });

  it('propagates W3C trace context in and out', () => {
    startInMemory();
    const incoming = {
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      tracestate: 'pyairtable=test',
    };
    const parent = propagation.extract(context.active(), incoming);
    const outgoing: Record<string, string> = {};

    context.with(parent, () => {
      trace.getTracer('test').startActiveSpan('work', (span) => {
        propagation.inject(context.active(), outgoing);
        expect(outgoing.traceparent).toBe(
          `00-4bf92f3577b34da6a3ce929d0e0e4736-${span.spanContext().spanId}-01`,
        );
        span.end();
      });
    });
    expect(outgoing.tracestate).toBe('pyairtable=test');
  });

  it('gives spans ids of their own when nothing exports them', () => {
    startTracing({ serviceName: 'kit-test', instrumentations: [] });
    trace.getTracer('test').startActiveSpan('work', (span) => {
      expect(currentTraceIds()?.traceId).toMatch(/^[0-9a-f]{32}$/);
      span.end();
    });
  });

  it('refuses a second start until the first is shut down', async () => {
    const handle = startTracing({ serviceName: 'kit-test', instrumentations: [] });
    expect(() => startInMemory()).toThrow(/already started/);

    await handle.shutdown();
    const restarted = startInMemory();
    trace.getTracer('test').startSpan('after-restart').end();
    await restarted.handle.forceFlush();
    expect(restarted.exporter.getFinishedSpans().map((span) => span.name)).toEqual([
      'after-restart',
    ]);
  });
});

import { tracing } from '@opentelemetry/sdk-node';
import { startTracing } from '../tracing/start-tracing.ts';

// What a test compares a recorded span's `kind` and `status.code` with, so packages that only
// depend on the kit need not import OpenTelemetry themselves.
export { SpanKind, SpanStatusCode } from '@opentelemetry/api';

/** A finished span as a test reads it: name, kind, attributes, status, parent. */
export type RecordedSpan = tracing.ReadableSpan;

/** Spans recorded in memory while a test runs. */
export interface RecordedSpans {
  /** Every span that has ended so far, in the order they ended (after a flush: export is async). */
  finished(): Promise<readonly RecordedSpan[]>;
  /** Stops tracing, so the next test can record again. */
  stop(): Promise<void>;
}

/**
 * Starts tracing in this process with an in-memory exporter, for tests of a service's own
 * spans. No instrumentation is enabled (it would patch the test runner's modules); the
 * cross-service tests in `tests/tracing` cover those, with the services as processes.
 */
export function recordSpans(): RecordedSpans {
  const exporter = new tracing.InMemorySpanExporter();
  const handle = startTracing({
    serviceName: 'test',
    spanProcessors: [new tracing.SimpleSpanProcessor(exporter)],
    instrumentations: [],
  });
  return {
    async finished() {
      await handle.forceFlush();
      return exporter.getFinishedSpans();
    },
    stop: () => handle.shutdown(),
  };
}

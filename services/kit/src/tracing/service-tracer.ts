import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Attributes, Span } from '@opentelemetry/api';
import { redactString } from '../logging/redact-secrets.ts';

/** How a span relates to the process: its own work, a call out, or a call in. */
export type TracedSpanKind = 'internal' | 'client' | 'server';

const KINDS: Readonly<Record<TracedSpanKind, SpanKind>> = {
  internal: SpanKind.INTERNAL,
  client: SpanKind.CLIENT,
  server: SpanKind.SERVER,
};

/** How {@link ServiceTracer} starts a span. */
export interface SpanSettings {
  /** `internal` unless given. */
  readonly kind?: TracedSpanKind;
  readonly attributes?: Attributes;
  /** The `error.type` recorded when the work throws; the error's `name` by default. */
  readonly errorType?: (error: unknown) => string;
}

/** Spans for a service's own operations, the ones no instrumentation sees (a model call, a tool). */
export interface ServiceTracer {
  /**
   * Runs `work` with a new span active, so the spans of what it calls (HTTP, Postgres) become
   * its children; ends the span when `work` settles and marks it failed when `work` throws.
   */
  inSpan<T>(name: string, settings: SpanSettings, work: (span: Span) => Promise<T>): Promise<T>;
  /**
   * The items of `open(span)`, with the span active while each is produced: an async
   * generator's body runs inside `next()`, not where it was created, so the span has to be made
   * active around every step. Ends the span when the stream ends, fails or is abandoned.
   */
  iterateInSpan<T>(
    name: string,
    settings: SpanSettings,
    open: (span: Span) => AsyncIterable<T>,
  ): AsyncGenerator<T, void, undefined>;
}

/**
 * A tracer whose spans carry `scope` (the package, e.g. `@pyairtable/chat`) as instrumentation
 * scope. Works whether or not tracing was started: without the SDK the spans are no-ops.
 */
export function createServiceTracer(scope: string): ServiceTracer {
  // Looked up per span: the global provider may be registered after this module loads.
  const start = (name: string, settings: SpanSettings): Span =>
    trace.getTracer(scope).startSpan(name, {
      kind: KINDS[settings.kind ?? 'internal'],
      ...(settings.attributes === undefined ? {} : { attributes: settings.attributes }),
    });

  return {
    async inSpan(name, settings, work) {
      const span = start(name, settings);
      try {
        return await context.with(trace.setSpan(context.active(), span), () => work(span));
      } catch (error) {
        markSpanFailed(span, errorTypeOf(error, settings), error);
        throw error;
      } finally {
        span.end();
      }
    },

    async *iterateInSpan(name, settings, open) {
      const span = start(name, settings);
      const active = trace.setSpan(context.active(), span);
      let finished = false;
      let items: AsyncIterator<unknown> | undefined;
      try {
        const source = context.with(active, () => open(span)[Symbol.asyncIterator]());
        items = source;
        for (;;) {
          const next = await context.with(active, () => source.next());
          if (next.done === true) {
            finished = true;
            return;
          }
          yield next.value;
        }
      } catch (error) {
        finished = true;
        markSpanFailed(span, errorTypeOf(error, settings), error);
        throw error;
      } finally {
        // The consumer stopped reading: let the source clean up (abort its request) in the span.
        if (!finished) await context.with(active, async () => items?.return?.());
        span.end();
      }
    },
  };
}

/**
 * Marks `span` failed the OpenTelemetry way: `error.type` (a low-cardinality class such as
 * `timeout` or `tool_error`) and status ERROR, described by the error's message with secrets
 * masked. For outcomes that are failures without a thrown error, like a tool's `isError` result.
 */
export function markSpanFailed(span: Span, errorType: string, error?: unknown): void {
  span.setAttribute('error.type', errorType);
  const message = error instanceof Error ? error.message : undefined;
  span.setStatus({
    code: SpanStatusCode.ERROR,
    ...(message === undefined ? {} : { message: redactString(message) }),
  });
}

function errorTypeOf(error: unknown, settings: SpanSettings): string {
  if (settings.errorType !== undefined) return settings.errorType(error);
  return error instanceof Error ? error.name : '_OTHER';
}

import { isSpanContextValid, trace } from '@opentelemetry/api';

/** The W3C trace context identifiers of the active span, as lowercase hex. */
export interface TraceIds {
  /** 32 hex characters, shared by every span of one request across services. */
  readonly traceId: string;
  /** 16 hex characters identifying the active span. */
  readonly spanId: string;
}

/**
 * Identifiers of the span active in the current async context, or `undefined` outside any
 * span (or when tracing is not started). Logging stamps them on each line so a log line
 * leads to its trace and back.
 */
export function currentTraceIds(): TraceIds | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (spanContext === undefined || !isSpanContextValid(spanContext)) return undefined;
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}

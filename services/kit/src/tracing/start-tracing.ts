import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { NodeSDK, core, tracing, type NodeSDKConfiguration } from '@opentelemetry/sdk-node';
import { createInstrumentations, type ModuleInstrumentation } from './instrumentations.ts';

/** Receives every span the process starts and ends (an exporter pipeline, or a test probe). */
export type SpanProcessor = NonNullable<NodeSDKConfiguration['spanProcessors']>[number];

/** Settings for {@link startTracing}. */
export interface TracingOptions {
  /** `service.name` on every span, e.g. `gateway`. */
  readonly serviceName: string;
  /**
   * Base URL of an OTLP/HTTP receiver (`OTEL_EXPORTER_OTLP_ENDPOINT`), e.g.
   * `http://tempo:4318`; spans are sent as protobuf to `<endpoint>/v1/traces`. Without it
   * spans are still recorded, so trace ids propagate and reach log lines, but go nowhere.
   */
  readonly otlpEndpoint?: string | undefined;
  /** Extra span processors, e.g. a `SimpleSpanProcessor` over an in-memory exporter in tests. */
  readonly spanProcessors?: readonly SpanProcessor[] | undefined;
  /**
   * The instrumentations to enable; defaults to {@link createInstrumentations}. Pass the list
   * the ESM loader hook was registered with so the same instances patch the modules.
   */
  readonly instrumentations?: readonly ModuleInstrumentation[] | undefined;
}

/** A started tracing pipeline. */
export interface TracingHandle {
  /** Hands every finished span to its processors' exporters now, instead of in batches. */
  forceFlush(): Promise<void>;
  /** Flushes buffered spans, then stops tracing. Safe to call more than once. */
  shutdown(): Promise<void>;
}

let activeShutdown: (() => Promise<void>) | undefined;

/**
 * Starts the OpenTelemetry SDK for this process: W3C trace context and baggage propagation
 * (`traceparent`, `tracestate`, `baggage`), the instrumentations, and OTLP export when an
 * endpoint is given. Services do not call this themselves: they start with
 * `node --import @pyairtable/kit/tracing/register`, which calls it before any application
 * module loads. Throws when tracing is already running in this process.
 */
export function startTracing(options: TracingOptions): TracingHandle {
  if (activeShutdown !== undefined) {
    throw new Error('Tracing is already started in this process; shut it down first');
  }
  const instrumentations = options.instrumentations ?? createInstrumentations();
  const spanProcessors = spanProcessorsFor(options);
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    textMapPropagator: new core.CompositePropagator({
      propagators: [new core.W3CTraceContextPropagator(), new core.W3CBaggagePropagator()],
    }),
    spanProcessors,
    instrumentations: [...instrumentations],
    // Metrics are served by prom-client and logs written by pino. Without these empty lists
    // the SDK would start OTLP metric and log exporters aimed at localhost by default.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();

  let stopped: Promise<void> | undefined;
  const shutdown = (): Promise<void> => {
    stopped ??= stop(sdk, instrumentations);
    return stopped;
  };
  const forceFlush = async (): Promise<void> => {
    await Promise.all(spanProcessors.map((processor) => processor.forceFlush()));
  };
  activeShutdown = shutdown;
  return { forceFlush, shutdown };
}

/**
 * Flushes and stops the tracing started in this process, if any. The `--import` preload
 * keeps no handle the application could reach, so graceful shutdown calls this after the
 * server has closed, to send the last spans before the process exits.
 */
export async function shutdownTracing(): Promise<void> {
  await activeShutdown?.();
}

function spanProcessorsFor(options: TracingOptions): SpanProcessor[] {
  const processors: SpanProcessor[] = [...(options.spanProcessors ?? [])];
  if (options.otlpEndpoint !== undefined && options.otlpEndpoint !== '') {
    const url = tracesUrl(options.otlpEndpoint);
    processors.push(new tracing.BatchSpanProcessor(new OTLPTraceExporter({ url })));
  }
  // The SDK installs no tracer provider when given no processor; spans would then never get
  // ids of their own, and log lines of requests that arrive without a traceparent would
  // carry none.
  if (processors.length === 0) processors.push(new tracing.NoopSpanProcessor());
  return processors;
}

// OTEL_EXPORTER_OTLP_ENDPOINT is a base URL: the signal path is appended to any path it has.
function tracesUrl(endpoint: string): string {
  const base = endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
  return new URL('v1/traces', base).href;
}

async function stop(sdk: NodeSDK, instrumentations: readonly ModuleInstrumentation[]) {
  try {
    await sdk.shutdown();
  } finally {
    for (const instrumentation of instrumentations) instrumentation.disable();
    // Release the global registrations so tracing can be started again in the same process.
    trace.disable();
    context.disable();
    propagation.disable();
    activeShutdown = undefined;
  }
}

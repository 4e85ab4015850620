/**
 * Tracing preload for services: `node --import @pyairtable/kit/tracing/register src/server.ts`.
 *
 * `--import` evaluates this module before the entry point and its imports, which is the only
 * moment the ESM loader hook can be registered and the instrumentations enabled in time to
 * patch `pg`, `ioredis` and `node:http` as the application imports them. Importing this
 * module from application code instead would be too late for every module already loaded.
 *
 * Settings come from the standard variables `OTEL_SERVICE_NAME` and
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (no export when unset); `OTEL_SDK_DISABLED=true` turns
 * tracing off. Graceful shutdown flushes the last spans with `shutdownTracing()`.
 */
import { isMainThread } from 'node:worker_threads';
import { registerEsmLoaderHook } from './esm-loader-hook.ts';
import { createInstrumentations } from './instrumentations.ts';
import { startTracing } from './start-tracing.ts';

// eslint-disable-next-line no-restricted-properties -- the tracing preload runs before any config loads; OTEL_* variables are the OpenTelemetry standard
const { OTEL_SERVICE_NAME, OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SDK_DISABLED } = process.env;

// Preloads also run in worker threads (pino transports, for one); a second SDK and loader
// hook there would only duplicate work, and the main thread already traces the requests.
// Disabled tracing skips the hook and the instrumentations too, not just the exporter.
if (isMainThread && OTEL_SDK_DISABLED?.trim().toLowerCase() !== 'true') {
  const instrumentations = createInstrumentations();
  registerEsmLoaderHook(instrumentations);
  startTracing({
    // The OpenTelemetry specification's fallback when no service name is configured.
    serviceName: OTEL_SERVICE_NAME ?? 'unknown_service:node',
    otlpEndpoint: OTEL_EXPORTER_OTLP_ENDPOINT,
    instrumentations,
  });
}

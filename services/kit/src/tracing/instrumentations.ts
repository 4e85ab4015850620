import { FastifyOtelInstrumentation } from '@fastify/otel';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';

/**
 * An instrumentation together with the modules it patches. The module names feed the ESM
 * loader hook's include list, so only those modules are wrapped by import-in-the-middle.
 */
export type ModuleInstrumentation = Instrumentation & {
  getModuleDefinitions(): readonly { readonly name: string }[];
};

// Kubernetes probes and Prometheus scrapes hit every pod every few seconds; tracing them
// buries real requests under thousands of one-span traces.
const PROBE_PATHS = new Set(['/healthz', '/livez', '/readyz', '/metrics']);

function isProbePath(url: string | undefined): boolean {
  const path = url?.split('?', 1)[0];
  return path !== undefined && PROBE_PATHS.has(path);
}

/**
 * The instrumentations every service runs: inbound and outbound `node:http`, fastify routes
 * and hooks, `fetch` (undici), Postgres (`pg`) and Redis (`ioredis`).
 *
 * Constructing an instrumentation enables it, so build the list once per process.
 */
export function createInstrumentations(): ModuleInstrumentation[] {
  return [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => isProbePath(request.url),
    }),
    // The fastify-maintained instrumentation (instrumentation-fastify is deprecated). It
    // attaches through the `fastify.initialization` diagnostics channel, so every fastify
    // instance created after tracing starts is covered without registering a plugin.
    new FastifyOtelInstrumentation({
      registerOnInitialization: true,
      ignorePaths: (route) => isProbePath(route.url),
    }),
    // Node's fetch is undici; it reports through diagnostics channels, not module patching.
    new UndiciInstrumentation(),
    new PgInstrumentation(),
    new IORedisInstrumentation(),
  ];
}

/** Names of the modules the given instrumentations patch (for example `pg`, `ioredis`). */
export function instrumentedModuleNames(
  instrumentations: readonly ModuleInstrumentation[],
): string[] {
  const names = instrumentations.flatMap((instrumentation) =>
    instrumentation.getModuleDefinitions().map((definition) => definition.name),
  );
  return [...new Set(names)];
}

import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { fastify, LogController } from 'fastify';
import type {
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { problemDetailsPlugin } from '../errors/problem-details.ts';
import { createReadinessRegistry, healthPlugin } from '../health/health-plugin.ts';
import type { ReadinessRegistry } from '../health/health-plugin.ts';
import { httpMetricsPlugin } from '../metrics/http-metrics.ts';
import { createMetricsRegistry } from '../metrics/metrics-registry.ts';

/** A fastify instance as every service builds it: TypeBox schemas give handlers their types. */
export type ServiceApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  Logger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyInstance {
    /** The process's Prometheus registry, for a service's own metrics. */
    readonly metrics: Registry;
    /**
     * Aborts when shutdown begins. Long-lived responses (SSE, WebSocket) listen to it and end
     * cleanly so the drain finishes within its bound and clients reconnect elsewhere.
     */
    readonly shutdownSignal: AbortSignal;
    /** The dependencies `/readyz` waits for; services add theirs as they open them. */
    readonly readiness: ReadinessRegistry;
  }
}

/** Options of {@link createServiceApp}. */
export interface ServiceAppOptions {
  readonly logger: Logger;
  readonly registry?: Registry;
  /** A readiness check that has not answered by then fails; 2 s by default. */
  readonly readinessTimeoutMs?: number;
  readonly bodyLimitBytes?: number;
  /**
   * Which proxies in front may set X-Forwarded-For (fastify's `trustProxy`: a hop count, or
   * addresses and CIDRs). Without it `request.ip` is the proxy's address, and per-client limits
   * would put every client behind an ingress into one bucket.
   */
  readonly trustProxy?: number | string | undefined;
}

/** Client-supplied request ids are echoed only when they are short and plain. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * The fastify app every service starts from: request ids (honouring a sane `x-request-id`),
 * the shared logger, problem+json errors, RED metrics with `/metrics`, `/livez` and
 * `/readyz`, and a shutdown signal. The service registers its routes on it; it never
 * listens here (see {@link runService}).
 */
export function createServiceApp(options: ServiceAppOptions): ServiceApp {
  const shutdown = new AbortController();
  const app = fastify({
    loggerInstance: options.logger,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    trustProxy: trustedProxies(options.trustProxy),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array' } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('metrics', options.registry ?? createMetricsRegistry());
  app.decorate('shutdownSignal', shutdown.signal);
  app.decorate('readiness', createReadinessRegistry(options.readinessTimeoutMs ?? 2_000));
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  app.addHook('preClose', (done) => {
    shutdown.abort(new Error('shutting down'));
    done();
  });

  void app.register(problemDetailsPlugin);
  void app.register(httpMetricsPlugin, { registry: app.metrics });
  void app.register(healthPlugin, {
    registry: app.readiness,
    isDraining: () => shutdown.signal.aborted,
  });
  return app;
}

// fastify's default is false: the TCP peer is the client.
function trustedProxies(
  trust: number | string | undefined,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  // A hop count: believe that many proxies from the peer inwards (what fastify does for a number).
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  if (typeof trust === 'string') return trust.split(',').map((entry) => entry.trim());
  return false;
}

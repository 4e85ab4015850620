import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

/** Options of {@link httpMetricsPlugin}. */
export interface HttpMetricsOptions {
  readonly registry: Registry;
  /** Where Prometheus scrapes; `/metrics` by default. */
  readonly path?: string;
}

/** The route label of requests no route matched: raw URLs would explode cardinality. */
export const UNMATCHED_ROUTE = '(unmatched)';

/** nginx's status for a request the client abandoned before the response ended. */
const CLIENT_CLOSED = '499';

/**
 * RED metrics for every request (rate and errors from the histogram's count by status,
 * duration from its buckets), labelled by route template, never by raw URL, plus the
 * number of requests in flight, and the `/metrics` endpoint.
 */
export const httpMetricsPlugin = fastifyPlugin(
  (app: FastifyInstance, options: HttpMetricsOptions) => {
    const duration = new Histogram({
      name: 'http_server_request_duration_seconds',
      help: 'Duration of HTTP requests served, by method, route template and status code.',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [options.registry],
    });
    const inFlight = new Gauge({
      name: 'http_server_requests_in_flight',
      help: 'HTTP requests being served right now.',
      registers: [options.registry],
    });

    const startTimes = new WeakMap<object, bigint>();
    // A request ends once: with a response, or abandoned by its client (a closed stream).
    const record = (request: FastifyRequest, status: string): void => {
      const started = startTimes.get(request);
      if (started === undefined) return;
      startTimes.delete(request);
      inFlight.dec();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
      duration.observe({ method: request.method, route, status_code: status }, seconds);
    };

    app.addHook('onRequest', (request, _reply, done) => {
      startTimes.set(request, process.hrtime.bigint());
      inFlight.inc();
      done();
    });
    app.addHook('onResponse', (request, reply, done) => {
      record(request, String(reply.statusCode));
      done();
    });
    app.addHook('onRequestAbort', (request, done) => {
      record(request, CLIENT_CLOSED);
      done();
    });

    app.get(options.path ?? '/metrics', { logLevel: 'warn' }, async (_request, reply) => {
      const body = await options.registry.metrics();
      return reply.type(options.registry.contentType).send(body);
    });
  },
  { name: 'pyairtable-http-metrics', fastify: '5.x' },
);

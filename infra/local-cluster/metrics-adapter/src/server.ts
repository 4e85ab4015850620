/**
 * The adapter's request handler: health endpoints, the custom metrics API, `Status` bodies for
 * failures and a log line per request. It never listens; main.ts puts it behind HTTPS and
 * tests call it through any server they like.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { ApiError } from './api-errors.ts';
import { statusOf } from './api-objects.ts';
import { createCustomMetricsApi } from './custom-metrics-api.ts';
import type { Logger } from './logger.ts';
import type { MetricSources } from './pod-metric-values.ts';
import { describeFailure } from './upstream-errors.ts';

/** What the handler serves and with what. */
export interface RequestHandlerOptions {
  /** The metric names served as `pods/<name>`. */
  readonly metrics: readonly string[];
  readonly sources: MetricSources;
  readonly logger: Logger;
  /** How recent a Prometheus answer /readyz accepts before asking again. */
  readonly readyWindowMs?: number;
}

/** A node:http(s) request listener. */
export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

const DEFAULT_READY_WINDOW_MS = 30_000;
// A query every Prometheus answers without touching any series.
const READINESS_QUERY = 'vector(1)';

/** The handler for every path the adapter serves. */
export function createRequestHandler(options: RequestHandlerOptions): RequestHandler {
  const api = createCustomMetricsApi({ metrics: options.metrics, sources: options.sources });
  const { logger } = options;
  const readyWindowMs = options.readyWindowMs ?? DEFAULT_READY_WINDOW_MS;

  const isReady = async (): Promise<string | undefined> => {
    const answeredAt = options.sources.prometheus.lastAnsweredAt();
    if (answeredAt !== undefined && Date.now() - answeredAt < readyWindowMs) return undefined;
    try {
      await options.sources.prometheus.queryVector(READINESS_QUERY);
      return undefined;
    } catch (error) {
      return describeFailure(error);
    }
  };

  const respond = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    // The request target is a path; the base only lets URL parse it.
    const url = new URL(request.url ?? '/', 'https://adapter.invalid');
    if (request.method !== 'GET') {
      throw new ApiError('MethodNotAllowed', `method ${request.method ?? ''} is not allowed`);
    }
    if (url.pathname === '/healthz' || url.pathname === '/livez') {
      sendText(response, 200, 'ok');
      return;
    }
    if (url.pathname === '/readyz') {
      const problem = await isReady();
      if (problem === undefined) sendText(response, 200, 'ok');
      else sendText(response, 503, `Prometheus is not answering: ${problem}`);
      return;
    }
    sendJson(response, 200, await api(url));
  };

  return (request, response) => {
    const started = performance.now();
    response.on('finish', () => {
      logger.request({
        method: request.method ?? '',
        path: (request.url ?? '').split('?')[0] ?? '',
        status: response.statusCode,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      });
    });
    respond(request, response).catch((error: unknown) => {
      const failure =
        error instanceof ApiError ? error : new ApiError('InternalError', 'internal error');
      if (failure.code >= 500)
        logger.error(`${request.method ?? ''} ${request.url ?? ''} failed`, error);
      if (response.headersSent) {
        response.destroy();
        return;
      }
      sendJson(response, failure.code, statusOf(failure.reason, failure.code, failure.message));
    });
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

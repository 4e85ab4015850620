import { setTimeout as delay } from 'node:timers/promises';
import {
  createCircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitPermit,
  type CircuitState,
} from './circuit-breaker.ts';
import {
  backoffDelayMs,
  isIdempotentMethod,
  isRetryableStatus,
  parseRetryAfterMs,
  type RetryOptions,
} from './retry-policy.ts';
import {
  CircuitOpenError,
  UpstreamNetworkError,
  UpstreamStatusError,
  UpstreamTimeoutError,
  type UpstreamError,
} from './upstream-errors.ts';

/** Anything `new Headers()` accepts: a record, entry pairs or a `Headers`. */
export type HeadersInput = ConstructorParameters<typeof Headers>[0];

/** Settings for {@link createHttpClient}: one client per upstream service. */
export interface HttpClientOptions {
  /** Request paths resolve below this URL, path included (`http://mcp:8001/api`). */
  readonly baseUrl: string | URL;
  /** The upstream's name in errors and logs; defaults to the base URL's host. */
  readonly name?: string | undefined;
  /** Limit for each attempt, from sending the request to receiving the whole body. */
  readonly timeoutMs: number;
  readonly retry: RetryOptions;
  readonly breaker: CircuitBreakerOptions;
  /** Headers sent with every request (a request's own headers win). */
  readonly headers?: HeadersInput;
  /** Source of jitter in [0, 1); injectable so tests are deterministic. */
  readonly random?: (() => number) | undefined;
  /** Waits between attempts; must reject when `signal` aborts. Injectable for fast tests. */
  readonly sleep?: ((ms: number, signal: AbortSignal | undefined) => Promise<void>) | undefined;
  /** The clock of the circuit breaker and of Retry-After dates. */
  readonly now?: (() => number) | undefined;
}

/** One request. Bodies are strings or bytes, never streams, so a retry can send them again. */
export interface HttpRequest {
  /** Defaults to GET. */
  readonly method?: string | undefined;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>> | undefined;
  readonly headers?: HeadersInput;
  /** Sent as JSON with `content-type: application/json`. */
  readonly json?: unknown;
  readonly body?: string | Uint8Array<ArrayBuffer> | URLSearchParams | undefined;
  /**
   * Allows retrying a POST or PATCH, e.g. one that carries an idempotency key. Methods that
   * are idempotent by definition (GET, PUT, DELETE, ...) are retried without it.
   */
  readonly idempotent?: boolean | undefined;
  /** Aborting stops the request and any retry; the call rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
  /** Overrides the client's per-attempt timeout. */
  readonly timeoutMs?: number | undefined;
}

/** A resilient client for one upstream service. */
export interface HttpClient {
  /**
   * Sends a request, retrying what is safe and worth retrying, and resolves with the
   * response, its body already received (read it with `json()` or `text()`). Rejects with an
   * {@link UpstreamError} for a timeout, a network failure, a status of 400 or more, or an
   * open circuit.
   */
  request(path: string, request?: HttpRequest): Promise<Response>;
  /** The circuit breaker's state, for health reporting. */
  circuitState(): CircuitState;
}

type AttemptResult =
  | { readonly kind: 'response'; readonly response: Response }
  | {
      readonly kind: 'failure';
      readonly error: UpstreamError;
      readonly retryable: boolean;
      readonly retryAfterMs: number | undefined;
    };

interface PreparedRequest {
  readonly url: URL;
  readonly label: string;
  readonly init: RequestInit;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
}

// Statuses whose responses cannot carry a body (the Response constructor rejects one).
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * Creates an HTTP client over the global `fetch` (so trace context propagates through the
 * undici instrumentation) with per-attempt timeouts, retries with full-jitter exponential
 * backoff for retryable failures of idempotent requests, Retry-After support, and a circuit
 * breaker that fails fast while the upstream is down.
 *
 * Retried: network errors, timeouts, 502, 503, 504 and 429 (after Retry-After when sent,
 * up to `retry.maxRetryAfterMs`). Never retried: other statuses, and POST/PATCH unless the
 * request is marked `idempotent`. The breaker counts timeouts, network errors and 5xx as
 * failures; 4xx answers show a healthy upstream.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const base = new URL(options.baseUrl);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const name = options.name ?? base.host;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? abortableSleep;
  const now = options.now ?? Date.now;
  const breaker = createCircuitBreaker(options.breaker, now);
  const maxRetryAfterMs = options.retry.maxRetryAfterMs ?? options.retry.maxDelayMs;

  async function request(path: string, input: HttpRequest = {}): Promise<Response> {
    const prepared = prepare(base, path, input, options);
    const method = prepared.init.method ?? 'GET';
    const mayRetry = input.idempotent ?? isIdempotentMethod(method);
    const attempts = mayRetry ? options.retry.attempts : 1;
    let lastError: UpstreamError | undefined;

    for (let attempt = 1; ; attempt += 1) {
      prepared.signal?.throwIfAborted();
      const permit = breaker.tryAcquire();
      if (permit === undefined) {
        const cause = lastError === undefined ? undefined : { cause: lastError };
        throw new CircuitOpenError(name, breaker.retryAfterMs(), cause);
      }
      const result = await attemptOnce(prepared, permit);
      if (result.kind === 'response') return result.response;

      lastError = result.error;
      const wait = attempt < attempts && result.retryable ? retryDelay(result, attempt) : undefined;
      if (wait === undefined) throw result.error;
      await sleepUnlessAborted(wait, prepared.signal);
    }
  }

  async function attemptOnce(prepared: PreparedRequest, permit: CircuitPermit) {
    const timeout = AbortSignal.timeout(prepared.timeoutMs);
    const signal =
      prepared.signal === undefined ? timeout : AbortSignal.any([prepared.signal, timeout]);
    let response: Response;
    let body: ArrayBuffer;
    try {
      response = await fetch(prepared.url, { ...prepared.init, signal });
      // Read inside the attempt so a body cut short is retried and typed like any failure.
      body = await response.arrayBuffer();
    } catch (error) {
      if (prepared.signal?.aborted === true) {
        permit.release();
        prepared.signal.throwIfAborted();
      }
      permit.failure();
      return failed(
        timeout.aborted
          ? new UpstreamTimeoutError(name, prepared.label, prepared.timeoutMs, { cause: error })
          : new UpstreamNetworkError(name, prepared.label, { cause: error }),
        true,
      );
    }
    return judge(prepared, response, body, permit);
  }

  function judge(
    prepared: PreparedRequest,
    response: Response,
    body: ArrayBuffer,
    permit: CircuitPermit,
  ): AttemptResult {
    const { status, headers } = response;
    if (status >= 500) permit.failure();
    else permit.success();
    if (status < 400) return { kind: 'response', response: buffered(response, body) };

    const retryAfterMs = parseRetryAfterMs(headers.get('retry-after'), now());
    const text = new TextDecoder().decode(body);
    const error = new UpstreamStatusError(name, prepared.label, {
      status,
      headers,
      body: text,
      retryAfterMs,
    });
    return failed(error, isRetryableStatus(status), retryAfterMs);
  }

  function retryDelay(
    failure: Extract<AttemptResult, { kind: 'failure' }>,
    attempt: number,
  ): number | undefined {
    if (failure.retryAfterMs === undefined) return backoffDelayMs(attempt, options.retry, random);
    // Retrying sooner than the upstream asked would only earn another refusal.
    return failure.retryAfterMs <= maxRetryAfterMs ? failure.retryAfterMs : undefined;
  }

  async function sleepUnlessAborted(ms: number, signal: AbortSignal | undefined) {
    try {
      await sleep(ms, signal);
    } catch (error) {
      signal?.throwIfAborted();
      throw error;
    }
  }

  return { request, circuitState: () => breaker.state() };
}

function failed(
  error: UpstreamError,
  retryable: boolean,
  retryAfterMs?: number,
): Extract<AttemptResult, { kind: 'failure' }> {
  return { kind: 'failure', error, retryable, retryAfterMs };
}

function prepare(
  base: URL,
  path: string,
  request: HttpRequest,
  options: HttpClientOptions,
): PreparedRequest {
  const url = new URL(path.replace(/^\/+/, ''), base);
  // An absolute URL or `..` segments would send the request, and the client's headers,
  // somewhere other than the upstream this client is for.
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) {
    throw new TypeError(`Path ${path} leaves the client's base URL ${base.href}`);
  }
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const method = (request.method ?? 'GET').toUpperCase();
  const headers = new Headers(options.headers);
  for (const [key, value] of new Headers(request.headers)) headers.set(key, value);

  let body: RequestInit['body'] = request.body;
  if (request.json !== undefined) {
    if (request.body !== undefined) throw new TypeError('Pass either json or body, not both');
    body = JSON.stringify(request.json);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  return {
    url,
    label: `${method} ${url.pathname}`,
    init: { method, headers, body: body ?? null },
    timeoutMs: request.timeoutMs ?? options.timeoutMs,
    signal: request.signal,
  };
}

// The body is already decoded and in memory; the encoding and length headers of the wire
// format no longer describe it.
function buffered(response: Response, body: ArrayBuffer): Response {
  const headers = new Headers(response.headers);
  headers.delete('content-encoding');
  headers.delete('content-length');
  return new Response(NULL_BODY_STATUSES.has(response.status) ? null : body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return delay(ms, undefined, signal === undefined ? {} : { signal });
}

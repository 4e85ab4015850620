/** Why a call to an upstream service failed. */
export type UpstreamFailure = 'timeout' | 'network' | 'status' | 'circuit-open';

/**
 * Base of the errors the HTTP client throws. `statusCode` is the status a service should
 * answer with when it passes the failure on (fastify's error handler uses it as is): 504 for
 * a timeout, 502 for an unreachable or misbehaving upstream, 503 while the circuit is open.
 */
export abstract class UpstreamError extends Error {
  abstract readonly failure: UpstreamFailure;
  abstract readonly code: string;
  abstract readonly statusCode: 502 | 503 | 504;
  /** The upstream's name, e.g. `mcp`. */
  readonly upstream: string;

  constructor(upstream: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.upstream = upstream;
  }
}

/** An attempt got no complete answer within its timeout. */
export class UpstreamTimeoutError extends UpstreamError {
  override readonly name = 'UpstreamTimeoutError';
  readonly failure = 'timeout';
  readonly code = 'UPSTREAM_TIMEOUT';
  readonly statusCode = 504;
  readonly timeoutMs: number;

  constructor(upstream: string, request: string, timeoutMs: number, options?: ErrorOptions) {
    super(upstream, `${upstream} did not answer ${request} within ${timeoutMs} ms`, options);
    this.timeoutMs = timeoutMs;
  }
}

/** The connection failed (refused, reset, DNS), so no HTTP response arrived. */
export class UpstreamNetworkError extends UpstreamError {
  override readonly name = 'UpstreamNetworkError';
  readonly failure = 'network';
  readonly code = 'UPSTREAM_UNREACHABLE';
  readonly statusCode = 502;

  constructor(upstream: string, request: string, options?: ErrorOptions) {
    super(upstream, `${upstream} could not be reached for ${request}`, options);
  }
}

/** The upstream answered with a status that is not a success (after any retries). */
export class UpstreamStatusError extends UpstreamError {
  override readonly name = 'UpstreamStatusError';
  readonly failure = 'status';
  readonly code = 'UPSTREAM_STATUS';
  readonly statusCode = 502;
  /** The status the upstream answered with. */
  readonly status: number;
  readonly headers: Headers;
  /** The response body as text, for logs and for mapping the upstream's error codes. */
  readonly body: string;
  /** The upstream's Retry-After, in milliseconds, when it sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(
    upstream: string,
    request: string,
    response: { status: number; headers: Headers; body: string; retryAfterMs: number | undefined },
  ) {
    super(upstream, `${upstream} answered ${request} with ${response.status}`);
    this.status = response.status;
    this.headers = response.headers;
    this.body = response.body;
    this.retryAfterMs = response.retryAfterMs;
  }
}

/** The circuit breaker is open: the upstream failed repeatedly, so the call was not made. */
export class CircuitOpenError extends UpstreamError {
  override readonly name = 'CircuitOpenError';
  readonly failure = 'circuit-open';
  readonly code = 'UPSTREAM_CIRCUIT_OPEN';
  readonly statusCode = 503;
  /** When the breaker will let a trial request through; a fit value for Retry-After. */
  readonly retryAfterMs: number;

  constructor(upstream: string, retryAfterMs: number, options?: ErrorOptions) {
    super(upstream, `${upstream} is failing; calls are suspended for ${retryAfterMs} ms`, options);
    this.retryAfterMs = retryAfterMs;
  }
}

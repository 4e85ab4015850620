/** How a client retries failed attempts. */
export interface RetryOptions {
  /** Total attempts per request, the first included; 1 disables retries. */
  readonly attempts: number;
  /** Backoff ceiling for the first retry; it doubles for each further retry. */
  readonly baseDelayMs: number;
  /** Upper bound of the backoff ceiling. */
  readonly maxDelayMs: number;
  /**
   * The longest Retry-After the client waits for; a longer one ends the retries and the
   * error carries it, so the caller can pass it on. Defaults to `maxDelayMs`.
   */
  readonly maxRetryAfterMs?: number | undefined;
}

// RFC 9110 §9.2.2: repeating these has the same effect as sending them once.
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

/** Whether a request with `method` may be sent again after a failure that left it unclear. */
export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/**
 * Statuses worth another attempt: a gateway or the upstream saying it is briefly unable
 * (502, 503, 504) or asking the caller to slow down (429). Any other 4xx would fail again
 * the same way, and a 500 is usually a bug that a retry only repeats.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}

/**
 * "Full jitter" exponential backoff: a uniformly random delay below a ceiling that doubles
 * with each retry. Spreading retries at random keeps many clients that failed together from
 * retrying together. `retry` is 1 for the first retry.
 */
export function backoffDelayMs(retry: number, options: RetryOptions, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * A Retry-After header in milliseconds: either delay-seconds or an HTTP date (RFC 9110
 * §10.2.3). `undefined` when absent or unparseable, so the caller falls back to backoff.
 */
export function parseRetryAfterMs(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

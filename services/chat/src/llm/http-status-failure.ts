import { LlmError } from './llm-types.ts';
import type { AttemptFailure } from './resilient-stream.ts';
import { safeQuote } from './safe-quote.ts';

/** What the provider's error said about an HTTP failure. */
export interface HttpStatusFailure {
  readonly status: number;
  readonly cause: unknown;
  /** The provider's own words, quoted (without secrets) for invalid requests. */
  readonly upstreamMessage?: string | undefined;
  /** The provider's wait before a retry, when it gave one. */
  readonly retryAfterMs?: number | undefined;
  /** A refusal of our credentials whatever the status (Gemini's bad key is a 400). */
  readonly credentialsRejected?: boolean;
  /** Kept out of every message. */
  readonly apiKey: string;
}

/**
 * One rule for every provider: 429 rate-limited and 5xx unavailable (both retried; only a 5xx
 * counts against the breaker), 401/403 unauthorized, any other status an invalid request.
 */
export function classifyHttpStatus(failure: HttpStatusFailure): AttemptFailure {
  const { status } = failure;
  const cause = { cause: failure.cause };
  if (status === 429) {
    const retryAfter =
      failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs };
    return {
      error: new LlmError(
        'rate-limited',
        'The model service is rate limiting requests; try again shortly.',
        {
          ...cause,
          ...retryAfter,
        },
      ),
      retryable: true,
      serviceFailed: false,
    };
  }
  if (status >= 500) {
    return {
      error: new LlmError(
        'unavailable',
        'The model service is unavailable; try again in a moment.',
        cause,
      ),
      retryable: true,
      serviceFailed: true,
    };
  }
  if (status === 401 || status === 403 || failure.credentialsRejected === true) {
    return {
      error: new LlmError(
        'unauthorized',
        'The model service refused our credentials; check the API key configured for chat.',
        cause,
      ),
      retryable: false,
      serviceFailed: false,
    };
  }
  const quoted =
    failure.upstreamMessage === undefined
      ? ''
      : `: ${safeQuote(failure.upstreamMessage, failure.apiKey)}`;
  return {
    error: new LlmError(
      'invalid-request',
      `The model service refused the request as invalid (${String(status)})${quoted}`,
      cause,
    ),
    retryable: false,
    serviceFailed: false,
  };
}

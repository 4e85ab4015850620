import { ApiError } from '@google/genai';
import { LlmError } from './llm-types.ts';
import type { AttemptFailure } from './resilient-stream.ts';
import { classifyHttpStatus } from './http-status-failure.ts';

/** What {@link classifyGeminiError} needs to word an error safely. */
export interface GeminiErrorContext {
  /** Cut out of any upstream text quoted in a message. */
  readonly apiKey: string;
  readonly timeoutMs: number;
}

interface GoogleErrorBody {
  readonly message: string | undefined;
  readonly reasons: readonly string[];
  readonly retryAfterMs: number | undefined;
}

/**
 * How a failed Gemini attempt is told to the caller. @google/genai throws `ApiError` with the
 * HTTP `status` (also for an error frame inside a stream) and the JSON error body as message;
 * an aborted attempt rejects with the abort's `AbortError`; a connection that fails or breaks
 * rejects with whatever fetch or the stream parser throws.
 *
 * - 429: `rate-limited`, retried (after Gemini's RetryInfo delay when it sends one);
 * - 5xx and network failures: `unavailable`, retried, and counted by the circuit breaker;
 * - 401, 403, and the 400 Gemini answers to a bad key: `unauthorized`;
 * - other 4xx: `invalid-request`, not retried;
 * - the per-attempt timeout: `timeout`, not retried: the same request would take as long.
 */
export function classifyGeminiError(error: unknown, context: GeminiErrorContext): AttemptFailure {
  if (error instanceof LlmError) return { error, retryable: false, serviceFailed: false };
  if (error instanceof ApiError) return classifyStatus(error, context);
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    const seconds = Math.ceil(context.timeoutMs / 1000);
    const message = `The model did not finish answering within ${String(seconds)} s.`;
    return {
      error: new LlmError('timeout', message, { cause: error }),
      retryable: false,
      serviceFailed: true,
    };
  }
  return {
    error: new LlmError(
      'unavailable',
      'The model service could not be reached; try again in a moment.',
      {
        cause: error,
      },
    ),
    retryable: true,
    serviceFailed: true,
  };
}

function classifyStatus(error: ApiError, context: GeminiErrorContext): AttemptFailure {
  const body = parseGoogleError(error.message);
  return classifyHttpStatus({
    status: error.status,
    cause: error,
    upstreamMessage: body.message,
    retryAfterMs: body.retryAfterMs,
    credentialsRejected: body.reasons.includes('API_KEY_INVALID'),
    apiKey: context.apiKey,
  });
}

// The SDK puts the whole error body in the message, after a prefix for stream error frames.
function parseGoogleError(message: string): GoogleErrorBody {
  const start = message.indexOf('{');
  let parsed: unknown;
  try {
    parsed = start === -1 ? undefined : JSON.parse(message.slice(start));
  } catch {
    parsed = undefined;
  }
  const inner = field(parsed, 'error');
  const text = field(inner, 'message');
  const details = field(inner, 'details');
  const list: unknown[] = Array.isArray(details) ? details : [];
  const reasons = list
    .map((detail) => field(detail, 'reason'))
    .filter((r) => typeof r === 'string');
  const delays = list
    .map((detail) => field(detail, 'retryDelay'))
    .filter((d) => typeof d === 'string');
  return {
    message: typeof text === 'string' ? text : undefined,
    reasons,
    retryAfterMs: delays[0] === undefined ? undefined : durationMs(delays[0]),
  };
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

// google.protobuf.Duration in JSON: seconds with an "s" suffix, e.g. "37s" or "1.5s".
function durationMs(duration: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(duration);
  return match?.[1] === undefined ? undefined : Math.round(Number(match[1]) * 1000);
}

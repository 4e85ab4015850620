import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { LlmError } from './llm-types.ts';
import type { AttemptFailure } from './resilient-stream.ts';
import { classifyHttpStatus } from './http-status-failure.ts';

/** What {@link classifyOpenAiError} needs to word an error safely. */
export interface OpenAiErrorContext {
  readonly apiKey: string;
  readonly timeoutMs: number;
}

/**
 * How a failed attempt against an OpenAI-compatible server is told to the caller, on the same
 * rules as Gemini's: 429 rate-limited and 5xx or network unavailable (both retried), 401/403
 * unauthorized, other 4xx invalid-request, the client's timeout a timeout.
 */
export function classifyOpenAiError(error: unknown, context: OpenAiErrorContext): AttemptFailure {
  if (error instanceof LlmError) return { error, retryable: false, serviceFailed: false };
  const cause = { cause: error };
  if (error instanceof APIConnectionTimeoutError) {
    const seconds = String(Math.ceil(context.timeoutMs / 1000));
    const message = `The model did not finish answering within ${seconds} s.`;
    return {
      error: new LlmError('timeout', message, cause),
      retryable: false,
      serviceFailed: true,
    };
  }
  // A connection error is an APIError without a status, so it is told apart first.
  if (error instanceof APIConnectionError || !(error instanceof APIError)) {
    const message = 'The model service could not be reached; try again in a moment.';
    return {
      error: new LlmError('unavailable', message, cause),
      retryable: true,
      serviceFailed: true,
    };
  }
  // Narrowed from `unknown`, the error's type parameters are `any`: read them as unknown.
  const reported: unknown = error.status;
  const body: unknown = error.error;
  return classifyHttpStatus({
    status: typeof reported === 'number' ? reported : 500,
    cause: error,
    upstreamMessage: upstreamMessage(body),
    apiKey: context.apiKey,
  });
}

function upstreamMessage(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null && 'message' in body) {
    const { message } = body;
    if (typeof message === 'string') return message;
  }
  return undefined;
}

import { setTimeout as delay } from 'node:timers/promises';
import { createCircuitBreaker } from '@pyairtable/kit';
import type { CircuitBreaker, CircuitBreakerOptions } from '@pyairtable/kit';
import { LlmError } from './llm-types.ts';
import type { LlmStreamEvent } from './llm-types.ts';

/** How a provider retries a generation that failed before streaming anything. */
export interface LlmRetryOptions {
  /** Attempts per generation, the first included; 1 disables retries. */
  readonly maxAttempts: number;
  /** Backoff ceiling for the first retry; it doubles for each further retry. */
  readonly baseDelayMs: number;
  /** Upper bound of the backoff ceiling, and the longest wait a provider's hint may ask for. */
  readonly maxDelayMs: number;
}

/** What one failed attempt means for the retry loop and the circuit breaker. */
export interface AttemptFailure {
  /** What the caller gets when this failure ends the generation. */
  readonly error: LlmError;
  /** Worth another attempt, provided nothing has been streamed yet. */
  readonly retryable: boolean;
  /** Says the service is unhealthy (5xx, network, timeout), so it counts toward opening. */
  readonly serviceFailed: boolean;
}

/** Waits `ms`; rejects when `signal` aborts. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** Settings of {@link resilientStream}. */
export interface ResilienceOptions {
  readonly retry: LlmRetryOptions;
  readonly breaker: CircuitBreaker;
  /** Source of jitter in [0, 1). */
  readonly random: () => number;
  readonly sleep: Sleep;
  /** Turns whatever an attempt threw into an {@link AttemptFailure}. */
  readonly classify: (error: unknown) => AttemptFailure;
}

/** Defaults that suit a person waiting for an answer: three attempts within a few seconds. */
export const DEFAULT_LLM_RETRY: LlmRetryOptions = {
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
};

/** Five failed generations in a row pause calls for 30 s. */
export const DEFAULT_LLM_BREAKER: CircuitBreakerOptions = {
  failureThreshold: 5,
  resetAfterMs: 30_000,
};

/** A breaker to share, or the settings of a new one. */
export function resolveBreaker(
  breaker: CircuitBreaker | CircuitBreakerOptions | undefined,
): CircuitBreaker {
  if (breaker === undefined) return createCircuitBreaker(DEFAULT_LLM_BREAKER);
  return 'tryAcquire' in breaker ? breaker : createCircuitBreaker(breaker);
}

/** The default {@link Sleep}: a timer that aborts with the signal. */
export const abortableSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });

/** The error of a generation the caller cancelled. */
export function cancelledError(cause?: unknown): LlmError {
  return new LlmError('cancelled', 'The request was cancelled.', { cause });
}

/** Throws {@link cancelledError} when `signal` has aborted. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw cancelledError(signal.reason);
}

/**
 * Runs `attempt` under a circuit breaker and retries it with full-jitter exponential backoff
 * (or the provider's retry hint) while it is worth it. A retry happens only while nothing has
 * been streamed: replaying a half-streamed answer would show the user its start twice.
 *
 * `attempt` gets a signal that aborts when the caller's does and when the consumer stops
 * reading early, so an abandoned generation does not keep its HTTP response open.
 */
export async function* resilientStream(
  callerSignal: AbortSignal,
  attempt: (signal: AbortSignal) => AsyncIterable<LlmStreamEvent>,
  options: ResilienceOptions,
): AsyncGenerator<LlmStreamEvent, void, undefined> {
  throwIfCancelled(callerSignal);
  const abandoned = new AbortController();
  const signal = AbortSignal.any([callerSignal, abandoned.signal]);
  try {
    for (let attemptNumber = 1; ; attemptNumber += 1) {
      const permit = options.breaker.tryAcquire();
      if (permit === undefined) throw circuitOpenError(options.breaker.retryAfterMs());
      let streamed = false;
      try {
        for await (const event of attempt(signal)) {
          streamed = true;
          yield event;
        }
        permit.success();
        return;
      } catch (error) {
        if (callerSignal.aborted) throw cancelledError(error);
        const failure = options.classify(error);
        if (failure.serviceFailed) permit.failure();
        else permit.success();
        const wait =
          streamed || attemptNumber >= options.retry.maxAttempts || !failure.retryable
            ? undefined
            : retryDelayMs(failure.error, attemptNumber, options);
        if (wait === undefined) throw failure.error;
        await sleepUnlessCancelled(wait, callerSignal, options.sleep);
      } finally {
        // A no-op once settled above; otherwise the consumer stopped reading, which says
        // nothing about the service.
        permit.release();
      }
    }
  } finally {
    abandoned.abort();
  }
}

function retryDelayMs(
  error: LlmError,
  attemptNumber: number,
  options: ResilienceOptions,
): number | undefined {
  const { baseDelayMs, maxDelayMs } = options.retry;
  if (error.retryAfterMs !== undefined) {
    // Retrying sooner than the service asked would only earn another refusal; a longer wait
    // than we allow ends the retries and the error carries the hint to the caller.
    return error.retryAfterMs <= maxDelayMs ? error.retryAfterMs : undefined;
  }
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attemptNumber - 1));
  return Math.floor(options.random() * ceiling);
}

async function sleepUnlessCancelled(ms: number, signal: AbortSignal, sleep: Sleep): Promise<void> {
  try {
    await sleep(ms, signal);
  } catch (error) {
    if (signal.aborted) throw cancelledError(error);
    throw error;
  }
}

function circuitOpenError(retryAfterMs: number): LlmError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new LlmError(
    'unavailable',
    `The model service is unavailable; after repeated failures calls pause for ${String(seconds)} s.`,
    { retryAfterMs },
  );
}

/** How a provider's requests are bounded, retried and broken off; shared by every provider. */
export interface ProviderResilience {
  /** Limit for one attempt, from sending the request to the end of the streamed answer. */
  readonly timeoutMs?: number | undefined;
  readonly retry?: LlmRetryOptions | undefined;
  /** A breaker to share (e.g. with health reporting), or the settings of a new one. */
  readonly breaker?: CircuitBreaker | CircuitBreakerOptions | undefined;
  /** Source of backoff jitter in [0, 1); injectable so tests are deterministic. */
  readonly random?: (() => number) | undefined;
  /** Waits between attempts; injectable for fast tests. */
  readonly sleep?: Sleep | undefined;
}

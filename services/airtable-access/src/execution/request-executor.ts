import { performance } from 'node:perf_hooks';
import type { CircuitBreaker } from '@pyairtable/kit';
import type { Clock } from '../clock.ts';
import { airtableErrors } from '../errors/airtable-errors.ts';
import { AirtableCallFailure, toAccessError } from '../errors/call-failure.ts';
import type { RequestGate } from '../limits/request-gate.ts';
import type { AccessMetrics } from '../metrics/access-metrics.ts';
import type { AccessLogger } from '../access-logger.ts';

/** One logical Airtable request, possibly sent more than once. */
export interface AirtableCall<T> {
  /** Metric label, e.g. `listRecords`. */
  readonly operation: string;
  /** The base it counts against; `undefined` for requests outside any base (whoami, bases). */
  readonly baseId: string | undefined;
  /**
   * Whether sending it again after an unclear failure (reset connection, timeout) cannot
   * have a second effect. Creates are not: the first one may have landed.
   */
  readonly idempotent: boolean;
  /** Sends one attempt; rejects with an {@link AirtableCallFailure} when Airtable refused it. */
  readonly send: () => Promise<T>;
}

/** Runs calls through the limiter with the retry policy. */
export interface RequestExecutor {
  run<T>(call: AirtableCall<T>): Promise<T>;
}

/** Retry settings; the defaults suit Airtable. */
export interface RetrySettings {
  /** Attempts per call, the first included. */
  readonly maxAttempts: number;
  /** Ceiling of the first backoff; it doubles per retry up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * The one retry policy of the layer (airtable.js runs with `noRetryIfRateLimited`, the HTTP
 * client with a single attempt, so nothing else retries behind its back). Every attempt goes
 * through the gate, so retries are rate limited like first tries.
 *
 * - 429: the base is penalized in the store (every replica waits the 30 s out) and the call
 *   queues again behind the penalty instead of failing or hammering.
 * - 502, 503: sent again after full-jitter backoff.
 * - Network failures and timeouts: sent again only when that cannot duplicate an effect.
 * - Anything else (401, 403, 404, 422...): never retried; it would fail the same way.
 */
export function createRequestExecutor(options: {
  readonly gate: RequestGate;
  readonly breaker: CircuitBreaker;
  readonly clock: Clock;
  readonly metrics: AccessMetrics;
  readonly random: () => number;
  readonly retry: RetrySettings;
  readonly penaltyMs: number;
  readonly logger: AccessLogger | undefined;
}): RequestExecutor {
  const { gate, breaker, clock, metrics, random, retry, penaltyMs, logger } = options;

  function backoffMs(retryNumber: number): number {
    const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (retryNumber - 1));
    return Math.floor(random() * ceiling);
  }

  async function attempt<T>(call: AirtableCall<T>): Promise<T> {
    const waitedMs = await gate.acquire(call.baseId);
    metrics.queueWait.observe(waitedMs / 1000);
    const permit = breaker.tryAcquire();
    if (permit === undefined) {
      throw airtableErrors.AIRTABLE_UNAVAILABLE({
        type: 'CIRCUIT_OPEN',
        message: `Airtable failed repeatedly; calls are suspended for ${breaker.retryAfterMs()} ms`,
        status: 0,
      });
    }
    const base = call.baseId ?? '';
    const started = performance.now();
    const observe = (status: string) => {
      metrics.requests.inc({ base, operation: call.operation, status });
      metrics.duration.observe({ operation: call.operation }, (performance.now() - started) / 1000);
    };
    try {
      const result = await call.send();
      permit.success();
      observe('200');
      return result;
    } catch (error) {
      if (!(error instanceof AirtableCallFailure)) {
        permit.release();
        throw error;
      }
      if (error.kind !== 'status' || error.status >= 500) permit.failure();
      else permit.success();
      observe(error.kind === 'status' ? String(error.status) : error.kind);
      throw error;
    }
  }

  return {
    async run<T>(call: AirtableCall<T>): Promise<T> {
      for (let attemptNumber = 1; ; attemptNumber += 1) {
        try {
          return await attempt(call);
        } catch (error) {
          if (!(error instanceof AirtableCallFailure)) throw error;
          const reason = retryReason(error, call.idempotent);
          if (error.status === 429) {
            metrics.rateLimited.inc({ base: call.baseId ?? '' });
            logger?.warn(
              { base: call.baseId, operation: call.operation, penaltyMs },
              'Airtable answered 429; holding back requests for the penalty',
            );
            await gate.penalize(call.baseId);
          }
          if (reason === undefined || attemptNumber >= retry.maxAttempts) {
            throw toAccessError(error, penaltyMs);
          }
          metrics.retries.inc({ operation: call.operation, reason });
          // After a 429 the gate itself waits out the penalty.
          if (reason !== '429') await clock.sleep(backoffMs(attemptNumber));
        }
      }
    },
  };
}

/** Why a failed attempt may be sent again, or `undefined` when it must not be. */
function retryReason(failure: AirtableCallFailure, idempotent: boolean): string | undefined {
  if (failure.kind === 'status') {
    return [429, 502, 503].includes(failure.status) ? String(failure.status) : undefined;
  }
  if (failure.kind === 'network' && (idempotent || failure.notSent)) return 'network';
  if (failure.kind === 'timeout' && idempotent) return 'timeout';
  return undefined;
}

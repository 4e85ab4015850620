import type { ReadinessCheck } from '../health/readiness-check.ts';
import type { JsonValue } from './json-value.ts';

/** What a rate limiter is asked: may `cost` units be spent now under `limit` per `windowMs`? */
export interface RateLimit {
  /** Units allowed per window; also the largest burst. A positive integer. */
  readonly limit: number;
  /** Length of the window in milliseconds. */
  readonly windowMs: number;
  /** Units this request spends (default 1). A positive integer no larger than `limit`. */
  readonly cost?: number;
}

/** The limiter's answer. A denied request spends nothing. */
export interface RateLimitDecision {
  readonly allowed: boolean;
  /** Whole units that could still be spent right now after this decision. */
  readonly remaining: number;
  /** 0 when allowed; otherwise how long to wait before the same request would be allowed. */
  readonly retryAfterMs: number;
}

/** Receives one published message; may be async. Its failures go to the store's error reporter. */
export type MessageHandler = (message: JsonValue) => void | Promise<void>;

/** Stops one subscription; calling it twice is harmless. */
export type Unsubscribe = () => Promise<void>;

/**
 * Where a store reports failures that have no caller to reject: a subscriber's handler that
 * threw, a cache write after a successful load, a dropped Redis connection.
 */
export type StoreErrorReporter = (error: unknown) => void;

/**
 * The state services share: cache entries, counters, rate limits and invalidation messages.
 * One interface with two backends, so a service runs on one machine without Redis and on
 * Kubernetes with it, unchanged. All keys live in one keyspace: a counter or a limiter is read
 * by `get` and reset by `delete` like any entry. Every operation that fails rejects; none
 * throws synchronously or crashes the process.
 */
export interface SharedStore {
  /** The value under `key`, or `undefined` when absent or expired. Counters read as numbers. */
  get(key: string): Promise<JsonValue | undefined>;
  /** Stores a JSON copy of `value` for `ttlMs`; there are no immortal entries. */
  set(key: string, value: JsonValue, ttlMs: number): Promise<void>;
  /** Removes `key`; resolves whether it existed. */
  delete(key: string): Promise<boolean>;
  /**
   * The cached value under `key`, or else the result of `loader`, cached for `ttlMs`.
   * Concurrent misses for one key share a single `loader` call (and, with Redis, replicas wait
   * for each other through a short lock so a cold key does not stampede the source). A loader
   * failure rejects every waiter and caches nothing. Every caller gets its own JSON copy, the
   * same shape a later cache hit returns. The cached value is trusted to be a `T`: when its
   * shape changes, change the key.
   */
  getOrLoad<T extends JsonValue>(key: string, ttlMs: number, loader: () => Promise<T>): Promise<T>;
  /**
   * Adds `by` (a safe integer, may be negative) to the counter under `key` and resolves its new
   * value. A new counter starts at 0 and expires `ttlMs` after its first increment, so quota
   * windows are fixed and later increments never extend them.
   */
  increment(key: string, by: number, ttlMs: number): Promise<number>;
  /**
   * Token bucket (GCRA) rate limiter: `limit` units refill evenly over `windowMs`, and a full
   * bucket allows a burst of `limit`. Atomic, so replicas sharing Redis share one limit.
   * Rejects with a `RangeError` when the request could never be allowed (`cost > limit`).
   */
  consume(key: string, rateLimit: RateLimit): Promise<RateLimitDecision>;
  /** Delivers `message` to every current subscriber of `channel`, in every replica. */
  publish(channel: string, message: JsonValue): Promise<void>;
  /**
   * Calls `handler` for each message later published on `channel`. Resolves once the
   * subscription is live, so a publish after it is never missed. Delivery is at most once:
   * a message sent while Redis is unreachable is lost, so pair invalidations with TTLs.
   */
  subscribe(channel: string, handler: MessageHandler): Promise<Unsubscribe>;
  /** A `/readyz` check that fails while the backend cannot serve requests. */
  readinessCheck(): ReadinessCheck;
  /** Ends connections and timers; later operations reject. Idempotent. */
  close(): Promise<void>;
}

/** Default reporter: a process warning is visible in logs yet never takes the process down. */
export const warnOnStoreError: StoreErrorReporter = (error) => {
  process.emitWarning(error instanceof Error ? error : new Error(String(error)), 'SharedStore');
};

/** Rejects TTLs that would make an entry immortal or expire at once (Redis's PX needs >= 1). */
export function checkTtlMs(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new RangeError(`ttlMs must be a positive number of milliseconds, got ${ttlMs}`);
  }
  return Math.ceil(ttlMs);
}

/** Counters hold integers so that Redis INCRBY and the memory store agree exactly. */
export function checkIncrement(by: number): void {
  if (!Number.isSafeInteger(by)) {
    throw new RangeError(`increment must be a safe integer, got ${by}`);
  }
}

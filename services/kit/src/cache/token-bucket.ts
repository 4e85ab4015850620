import type { RateLimit, RateLimitDecision } from './shared-store.ts';

/**
 * The token bucket as GCRA (generic cell rate algorithm): instead of a token count and a
 * refill timestamp, one number is stored, the "theoretical arrival time" (TAT) at which the
 * bucket would be full again. That makes the Redis version a single GET/SET in a Lua script.
 * The Lua script in `redis-scripts.ts` mirrors this function line by line: change both.
 */

/**
 * Absolute times are ~1.7e12 ms, where a double's resolution is ~2e-4 ms; without slack,
 * `3 * (1000 / 3)` landing a hair past 1000 would deny the third of three allowed requests.
 */
export const CLOCK_SLACK_MS = 0.01;

/** A rate limit whose fields are checked, with `cost` filled in. */
export interface CheckedRateLimit {
  readonly limit: number;
  readonly windowMs: number;
  readonly cost: number;
}

/** Rejects limits that are meaningless or can never be met, instead of denying forever. */
export function checkRateLimit(rateLimit: RateLimit): CheckedRateLimit {
  const { limit, windowMs, cost = 1 } = rateLimit;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }
  if (!Number.isFinite(windowMs) || windowMs <= 0) {
    throw new RangeError(`windowMs must be a positive number, got ${windowMs}`);
  }
  if (!Number.isSafeInteger(cost) || cost < 1 || cost > limit) {
    throw new RangeError(`cost must be an integer from 1 to limit (${limit}), got ${cost}`);
  }
  return { limit, windowMs, cost };
}

/** A decision and, when allowed, the TAT to store and for how long it matters. */
export interface TokenBucketStep {
  readonly decision: RateLimitDecision;
  readonly store?: { readonly tat: number; readonly ttlMs: number };
}

/** Decides one request at time `now` given the stored TAT (`undefined` for a full bucket). */
export function takeTokens(
  now: number,
  storedTat: number | undefined,
  { limit, windowMs, cost }: CheckedRateLimit,
): TokenBucketStep {
  const interval = windowMs / limit;
  const tat = Math.max(storedTat ?? now, now);
  const newTat = tat + cost * interval;
  const allowAt = newTat - windowMs;
  if (allowAt - now > CLOCK_SLACK_MS) {
    const remaining = Math.floor((windowMs - (tat - now) + CLOCK_SLACK_MS) / interval);
    return { decision: { allowed: false, remaining, retryAfterMs: Math.ceil(allowAt - now) } };
  }
  const remaining = Math.floor((windowMs - (newTat - now) + CLOCK_SLACK_MS) / interval);
  return {
    decision: { allowed: true, remaining, retryAfterMs: 0 },
    // Once the TAT is in the past the bucket is full, which is what a missing key means.
    store: { tat: newTat, ttlMs: Math.ceil(newTat - now) },
  };
}

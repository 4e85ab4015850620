/**
 * Airtable's request limits: 5 requests per second per base (all tokens together) and 50 per
 * second per token. A request over a limit is refused with 429, and so is every request to
 * that base (or from that token) for the next 30 seconds: the penalty Airtable imposes.
 * Written by hand because the behaviour to imitate is the penalty box, which general-purpose
 * limiters (token buckets) do not have.
 */
import type { Clock } from '../clock.ts';

/** The limits; Airtable's unless configured otherwise. */
export interface RateLimitSettings {
  readonly perBasePerSecond: number;
  readonly perTokenPerSecond: number;
  readonly penaltyMs: number;
}

/** Airtable's published limits. */
export const AIRTABLE_RATE_LIMITS: RateLimitSettings = {
  perBasePerSecond: 5,
  perTokenPerSecond: 50,
  penaltyMs: 30_000,
};

const WINDOW_MS = 1_000;

interface Window {
  /** Times of the requests let through in the last second, oldest first. */
  readonly times: number[];
  penaltyUntil: number;
}

/** Counts requests against the per-token and per-base limits. */
export interface RateLimiter {
  /** Records a request by `token`; false when it must be answered with 429. */
  allowToken(token: string): boolean;
  /** Records a request to base `baseId`; false when it must be answered with 429. */
  allowBase(baseId: string): boolean;
}

/** A limiter with `settings` on `clock`. */
export function createRateLimiter(settings: RateLimitSettings, clock: Clock): RateLimiter {
  const windows = new Map<string, Window>();

  const admit = (key: string, limit: number, now: number): boolean => {
    let window = windows.get(key);
    if (window === undefined) {
      window = { times: [], penaltyUntil: 0 };
      windows.set(key, window);
    }
    if (now < window.penaltyUntil) return false;
    while (window.times.length > 0 && (window.times[0] ?? 0) <= now - WINDOW_MS)
      window.times.shift();
    if (window.times.length >= limit) {
      window.penaltyUntil = now + settings.penaltyMs;
      window.times.length = 0;
      return false;
    }
    window.times.push(now);
    return true;
  };

  return {
    allowToken: (token) => admit(`token:${token}`, settings.perTokenPerSecond, clock.now()),
    allowBase: (baseId) => admit(`base:${baseId}`, settings.perBasePerSecond, clock.now()),
  };
}

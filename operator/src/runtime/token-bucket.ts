/** Settings of {@link createTokenBucket}. */
export interface TokenBucketSettings {
  /** Sustained rate. */
  readonly perSecond: number;
  /** How many may go at once after a quiet spell. */
  readonly burst: number;
}

/** A token bucket that hands out reservations: callers wait the returned time, then go. */
export interface TokenBucket {
  /** Takes one token and returns how many milliseconds to wait before using it. */
  reserve(): number;
}

/** A token bucket on `now` (milliseconds). */
export function createTokenBucket(
  settings: TokenBucketSettings,
  now: () => number = () => performance.now(),
): TokenBucket {
  if (!(settings.perSecond > 0) || !(settings.burst >= 1)) {
    throw new RangeError(
      `rate limit needs perSecond > 0 and burst >= 1, got ${JSON.stringify(settings)}`,
    );
  }
  const intervalMs = 1_000 / settings.perSecond;
  let tokens = settings.burst;
  let updatedAt = now();
  return {
    reserve() {
      const current = now();
      tokens = Math.min(settings.burst, tokens + (current - updatedAt) / intervalMs);
      updatedAt = current;
      tokens -= 1;
      // A negative balance is a queue of reservations: each waits for its own token.
      return tokens >= 0 ? 0 : -tokens * intervalMs;
    },
  };
}

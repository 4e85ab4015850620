/** Settings of {@link createKeyBackoff}. */
export interface BackoffSettings {
  /** Delay after the first failure. */
  readonly baseMs: number;
  /** The cap: a key that keeps failing is retried this often, never less. */
  readonly maxMs: number;
}

/** Exponential backoff per key: base, 2×base, 4×base, … up to the cap; reset by `forget`. */
export interface KeyBackoff {
  /** Counts a failure of `key` and returns how long to wait before its next attempt. */
  next(key: string): number;
  forget(key: string): void;
  failures(key: string): number;
}

/** Per-key exponential backoff (client-go's ItemExponentialFailureRateLimiter). */
export function createKeyBackoff(settings: BackoffSettings): KeyBackoff {
  if (!(settings.baseMs > 0) || !(settings.maxMs >= settings.baseMs)) {
    throw new RangeError(`backoff needs 0 < baseMs <= maxMs, got ${JSON.stringify(settings)}`);
  }
  const failureCounts = new Map<string, number>();
  return {
    next(key) {
      const failures = failureCounts.get(key) ?? 0;
      failureCounts.set(key, failures + 1);
      // 2^failures overflows to Infinity long after the cap applies; min() keeps it finite.
      return Math.min(settings.baseMs * 2 ** failures, settings.maxMs);
    },
    forget(key) {
      failureCounts.delete(key);
    },
    failures: (key) => failureCounts.get(key) ?? 0,
  };
}

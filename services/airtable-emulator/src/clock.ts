/**
 * Time as the emulator sees it. Rate limits, penalties, cursor expiry and record timestamps all
 * read this clock, so a test can move time forward instead of sleeping 30 seconds.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to; for tests of limits and timestamps. */
export interface ManualClock extends Clock {
  /** Moves time forward by `ms`. */
  advance(ms: number): void;
  /** Jumps to `epochMs`. */
  set(epochMs: number): void;
}

/** A manual clock starting at `startMs` (2026-01-01T00:00:00Z unless told). */
export function createManualClock(startMs = Date.UTC(2026, 0, 1)): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (epochMs) => {
      current = epochMs;
    },
  };
}

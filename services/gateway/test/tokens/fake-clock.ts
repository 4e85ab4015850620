import type { Clock } from '../../src/tokens/clock.ts';

/** A clock that moves only when the test says so. */
export interface FakeClock {
  readonly now: Clock;
  advance(seconds: number): void;
}

/**
 * Starts at `start`, the real time by default: tokens are checked by the kit's verifier, which
 * reads the real clock, so a fake one far from it would make every token look expired.
 */
export function createFakeClock(start: Date = new Date()): FakeClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(seconds) {
      current += seconds * 1000;
    },
  };
}

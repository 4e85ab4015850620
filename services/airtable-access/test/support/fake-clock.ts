import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import type { Clock } from '../../src/clock.ts';

/** A clock that only moves when the test says so. */
export interface ManualClock extends Clock {
  /** Moves time forward, waking every sleeper that is due, earliest first. */
  advance(ms: number): void;
  /** Sleepers not yet woken. */
  sleepers(): number;
}

interface Sleeper {
  readonly wakeAt: number;
  readonly wake: () => void;
}

/** A manual clock starting at a fixed date. */
export function createManualClock(start = Date.UTC(2026, 0, 1)): ManualClock {
  let now = start;
  let sleepers: Sleeper[] = [];
  return {
    now: () => now,
    sleep(ms) {
      if (ms <= 0) return Promise.resolve();
      return new Promise<void>((wake) => {
        sleepers.push({ wakeAt: now + ms, wake });
      });
    },
    advance(ms) {
      now += ms;
      const due = sleepers.filter((sleeper) => sleeper.wakeAt <= now);
      sleepers = sleepers.filter((sleeper) => sleeper.wakeAt > now);
      due.sort((a, b) => a.wakeAt - b.wakeAt);
      for (const sleeper of due) sleeper.wake();
    },
    sleepers: () => sleepers.length,
  };
}

/**
 * Real time, running `speed` times faster: one second of this clock passes in 1/speed of a
 * real one. For tests that need time to flow on its own (HTTP round trips interleaved with
 * limiter waits) without taking seconds.
 */
export function createFastClock(speed: number): Clock {
  const startedAt = Date.UTC(2026, 0, 1);
  const origin = performance.now();
  return {
    now: () => startedAt + (performance.now() - origin) * speed,
    sleep: (ms) => delay(Math.max(0, ms / speed)),
  };
}

/**
 * Advances `clock` in steps until `promise` settles, letting real I/O (HTTP to the fake)
 * happen between steps. Resolves or rejects as the promise does.
 */
export async function driveUntilSettled<T>(
  clock: ManualClock,
  promise: Promise<T>,
  stepMs: number,
  maxSteps = 10_000,
): Promise<T> {
  const state = { settled: false };
  const isSettled = () => state.settled;
  const watched = promise.finally(() => {
    state.settled = true;
  });
  // Rejections are handled by the caller awaiting the result below.
  watched.catch(() => undefined);
  for (let step = 0; step < maxSteps; step += 1) {
    await delay(1);
    // Read through a function: the flag changes while this loop awaits.
    if (isSettled()) break;
    clock.advance(stepMs);
  }
  return watched;
}

/** Advances `clock` by `totalMs` in steps of `stepMs`, letting real I/O happen between them. */
export async function advanceInSteps(
  clock: ManualClock,
  totalMs: number,
  stepMs: number,
): Promise<void> {
  for (let elapsed = 0; elapsed < totalMs; elapsed += stepMs) {
    await delay(1);
    clock.advance(Math.min(stepMs, totalMs - elapsed));
  }
  await delay(1);
}

/** Waits (in real time) until `condition` holds. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 2_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await delay(2);
  }
}

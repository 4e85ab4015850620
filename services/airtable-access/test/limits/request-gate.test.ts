import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppError, createMemoryStore } from '@pyairtable/kit';
import type { SharedStore } from '@pyairtable/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRequestGate, type GateLimits } from '../../src/limits/request-gate.ts';
import { BASE_A, BASE_B } from '../support/access-harness.ts';
import { createManualClock, type ManualClock } from '../support/fake-clock.ts';

const LIMITS: GateLimits = {
  perBasePerSecond: 5,
  perTokenPerSecond: 50,
  penaltyMs: 30_000,
  maxQueueWaitMs: 60_000,
};

describe('request gate', () => {
  let clock: ManualClock;
  let store: SharedStore;

  const gate = (limits: Partial<GateLimits> = {}, token = 'token-fingerprint') =>
    createRequestGate({ store, clock, token, limits: { ...LIMITS, ...limits } });

  /** Lets the store's promises settle, then moves the clock; repeated for `ms`. */
  async function runFor(ms: number, stepMs = 5): Promise<void> {
    for (let elapsed = 0; elapsed < ms; elapsed += stepMs) {
      for (let turn = 0; turn < 5; turn += 1) await nextTurn();
      clock.advance(stepMs);
    }
    for (let turn = 0; turn < 5; turn += 1) await nextTurn();
  }

  /** Acquires and records when each turn was granted, on the fake clock. */
  function grantTimes(
    acquire: () => Promise<number>,
    count: number,
    times: number[] = [],
  ): number[] {
    for (let index = 0; index < count; index += 1) {
      void acquire().then(() => times.push(clock.now()));
    }
    return times;
  }

  const maxInAnySecond = (times: readonly number[]) =>
    Math.max(...times.map((start) => times.filter((t) => t >= start && t < start + 1000).length));

  beforeEach(() => {
    clock = createManualClock();
    store = createMemoryStore({ now: () => clock.now() });
  });
  afterEach(async () => {
    await store.close();
  });

  it('keeps a base at 5 requests per second, evenly spaced', async () => {
    const limited = gate();
    const start = clock.now();
    const times = grantTimes(() => limited.acquire(BASE_A), 20);

    await runFor(5_000);

    expect(times).toHaveLength(20);
    expect(maxInAnySecond(times)).toBe(5);
    const spacing = times.slice(1).map((time, index) => time - (times[index] ?? 0));
    expect(Math.min(...spacing)).toBeGreaterThanOrEqual(200);
    // 20 requests in about 4 s: 5 per second with a few percent of headroom.
    expect((times.at(-1) ?? 0) - start).toBeLessThan(4_200);
  });

  it('serves each base on its own, so a busy base does not delay another', async () => {
    const limited = gate();
    const busy = grantTimes(() => limited.acquire(BASE_A), 10);
    const other = grantTimes(() => limited.acquire(BASE_B), 1);

    await runFor(100);

    // B only waits for the token's 50/s spacing, not for A's queue of two seconds.
    expect(other).toHaveLength(1);
    expect(busy).toHaveLength(1);
  });

  it('keeps a token at 50 requests per second across bases', async () => {
    const limited = gate();
    const bases = Array.from({ length: 20 }, (_, index) => `app${String(index).padStart(14, 'X')}`);
    const times: number[] = [];
    for (const baseId of bases) grantTimes(() => limited.acquire(baseId), 5, times);

    await runFor(3_000);

    expect(times).toHaveLength(100);
    expect(maxInAnySecond(times)).toBeLessThanOrEqual(50);
    expect(maxInAnySecond(times)).toBeGreaterThanOrEqual(45);
  });

  it('refuses at once the requests it cannot serve within maxQueueWaitMs', async () => {
    const limited = gate({ maxQueueWaitMs: 1_000 });
    const outcomes: unknown[] = [];
    for (let index = 0; index < 8; index += 1) {
      void limited.acquire(BASE_A).then(
        () => (outcomes[index] = 'granted'),
        (error: unknown) => (outcomes[index] = error),
      );
    }

    await runFor(20);

    // Turns come every 220 ms: the 6th would come after 1100 ms, over the 1000 ms allowed.
    expect(outcomes.slice(5)).toEqual(
      Array(3).fill(expect.objectContaining({ code: 'AIRTABLE_QUEUE_FULL' })),
    );
    const refusal = outcomes[5] as AppError;
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal.status).toBe(503);
    expect(refusal.detail).toBe(
      'Airtable rate limit queue for base appAAAAAAAAAAAAAA is full: waited 0 ms and would wait 1100 ms more, over the 1000 ms allowed',
    );
    expect(refusal.headers['retry-after']).toBe('2');
    await runFor(1_000);
    expect(outcomes.slice(0, 5)).toEqual(Array(5).fill('granted'));
  });

  it('holds back a penalized base in every replica until the penalty ends', async () => {
    const first = gate();
    const second = gate();
    await first.penalize(BASE_A);

    const waiting = grantTimes(() => second.acquire(BASE_A), 1);
    const elsewhere = grantTimes(() => second.acquire(BASE_B), 1);
    await runFor(29_000, 500);

    expect(waiting).toEqual([]);
    expect(elsewhere).toHaveLength(1);
    await runFor(1_500, 500);
    expect(waiting).toHaveLength(1);
  });

  it('refuses at once a request that would have to wait out a longer penalty', async () => {
    const limited = gate({ maxQueueWaitMs: 10_000 });
    await limited.penalize(BASE_A);

    const refusal = await limited.acquire(BASE_A).catch((error: unknown) => error);

    expect(refusal).toMatchObject({ code: 'AIRTABLE_QUEUE_FULL' });
    expect((refusal as AppError).detail).toMatch(/would wait 30000 ms more/);
  });

  it('penalizes the whole token for requests outside any base', async () => {
    const limited = gate();
    await limited.penalize(undefined);

    const waiting = grantTimes(() => limited.acquire(BASE_B), 1);
    await runFor(1_000, 100);

    expect(waiting).toEqual([]);
    expect(await store.get('airtable:pause:token:token-fingerprint')).toBeTypeOf('number');
  });
});

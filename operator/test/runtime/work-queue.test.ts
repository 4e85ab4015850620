import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createWorkQueue } from '../../src/runtime/work-queue.ts';

const fastQueue = () =>
  createWorkQueue({
    name: 'test',
    backoff: { baseMs: 20, maxMs: 80 },
    rateLimit: { perSecond: 10_000, burst: 10_000 },
  });

describe('the work queue', () => {
  it('queues a key once however often it is added', async () => {
    const queue = fastQueue();
    queue.add('ns/a');
    queue.add('ns/a');
    queue.add('ns/b');
    expect(queue.depth).toBe(2);
    expect(await queue.get()).toBe('ns/a');
    expect(await queue.get()).toBe('ns/b');
    expect(queue.depth).toBe(0);
  });

  it('never hands a key being processed to a second worker, and reprocesses it once after', async () => {
    const queue = fastQueue();
    queue.add('ns/a');
    const first = await queue.get();
    queue.add('ns/a');
    queue.add('ns/a');
    expect(queue.depth).toBe(0);
    const second = queue.get();
    const raced = await Promise.race([second, sleep(30, 'still waiting')]);
    expect(raced).toBe('still waiting');
    queue.done(first ?? '');
    expect(await second).toBe('ns/a');
    queue.done('ns/a');
    expect(queue.depth).toBe(0);
  });

  it('keeps the earlier of two delayed adds', async () => {
    const queue = fastQueue();
    queue.addAfter('ns/a', 5_000);
    queue.addAfter('ns/a', 10);
    const started = performance.now();
    expect(await queue.get()).toBe('ns/a');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('backs off a failing key exponentially up to the cap, and forgets on success', async () => {
    const queue = fastQueue();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const started = performance.now();
      queue.addRateLimited('ns/a');
      const key = await queue.get();
      delays.push(performance.now() - started);
      queue.done(key ?? '');
    }
    expect(queue.failures('ns/a')).toBe(4);
    // 20, 40, 80, 80 (capped): each at least its step, the last two at the cap.
    expect(delays[0]).toBeGreaterThanOrEqual(15);
    expect(delays[1]).toBeGreaterThanOrEqual(35);
    expect(delays[2]).toBeGreaterThanOrEqual(75);
    expect(delays[3]).toBeGreaterThanOrEqual(75);
    expect(delays[3]).toBeLessThan(160);
    queue.forget('ns/a');
    expect(queue.failures('ns/a')).toBe(0);
  });

  it('paces keys through the global rate limit after the burst', async () => {
    const queue = createWorkQueue({ name: 'test', rateLimit: { perSecond: 50, burst: 2 } });
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f']) queue.add(`ns/${key}`);
    const started = performance.now();
    for (let taken = 0; taken < 6; taken += 1) queue.done((await queue.get()) ?? '');
    // Two at once, then four at 20 ms intervals.
    expect(performance.now() - started).toBeGreaterThanOrEqual(70);
  });

  it('releases waiting workers with undefined on shutdown and ignores later adds', async () => {
    const queue = fastQueue();
    const waiting = queue.get();
    queue.shutDown();
    expect(await waiting).toBeUndefined();
    queue.add('ns/a');
    expect(queue.depth).toBe(0);
    expect(await queue.get()).toBeUndefined();
  });
});

describe('a work queue shutting down with a backlog', () => {
  it('drops the queued keys instead of handing them out', async () => {
    const queue = fastQueue();
    for (const key of ['a', 'b', 'c']) queue.add(`ns/${key}`);
    const inFlight = await queue.get();
    queue.shutDown();
    expect(queue.depth).toBe(0);
    expect(await queue.get()).toBeUndefined();
    queue.done(inFlight ?? '');
    expect(await queue.get()).toBeUndefined();
  });
});

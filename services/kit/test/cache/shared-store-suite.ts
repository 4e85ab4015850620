import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JsonValue } from '../../src/cache/json-value.ts';
import type { SharedStore } from '../../src/cache/shared-store.ts';
import { uniqueKeyPrefix } from './backends.ts';
import type { StoreBackend } from './backends.ts';

/**
 * The behaviour every SharedStore backend must show, registered once per backend so that the
 * memory store and the Redis store cannot drift apart. TTLs are short and real: Redis keeps its
 * own clock, so fake timers would only test the memory store.
 */
export function describeSharedStore(backend: StoreBackend): void {
  describe(backend.name, () => {
    let store: SharedStore;
    const reported: unknown[] = [];

    beforeEach(() => {
      reported.length = 0;
      store = backend.create({ keyPrefix: uniqueKeyPrefix(), onError: (e) => reported.push(e) });
    });

    afterEach(async () => {
      await store.close();
    });

    describe('entries', () => {
      it('returns a copy of what was set until it is deleted', async () => {
        const value = { deal: 'Acme', amount: 12_000, tags: ['won'], owner: null };
        await store.set('deal', value, 10_000);
        value.tags.push('mutated after set');

        expect(await store.get('deal')).toEqual({ ...value, tags: ['won'] });
        expect(await store.delete('deal')).toBe(true);
        expect(await store.get('deal')).toBeUndefined();
        expect(await store.delete('deal')).toBe(false);
      });

      it('forgets an entry once its TTL has passed', async () => {
        await store.set('short', 'lived', 50);
        expect(await store.get('short')).toBe('lived');

        await sleep(120);
        expect(await store.get('short')).toBeUndefined();
      });

      it('rejects values JSON cannot hold and TTLs that are not positive', async () => {
        await expect(store.set('nan', Number.NaN, 1_000)).rejects.toThrow(TypeError);
        await expect(store.set('zero', 'x', 0)).rejects.toThrow(RangeError);
      });
    });

    describe('getOrLoad', () => {
      it('calls the loader once for 10 concurrent misses and gives every caller the value', async () => {
        const loader = vi.fn(async () => {
          await sleep(30);
          return { tables: ['Deals', 'Contacts'] };
        });

        const results = await Promise.all(
          Array.from({ length: 10 }, () => store.getOrLoad('schema', 10_000, loader)),
        );

        expect(loader).toHaveBeenCalledTimes(1);
        for (const result of results) expect(result).toEqual({ tables: ['Deals', 'Contacts'] });
        expect(await store.getOrLoad('schema', 10_000, loader)).toEqual(results[0]);
        expect(loader).toHaveBeenCalledTimes(1);
      });

      it('rejects every waiter when the loader fails, and caches nothing', async () => {
        const failing = vi.fn(async (): Promise<JsonValue> => {
          await sleep(30);
          throw new Error('Airtable is down');
        });

        const outcomes = await Promise.allSettled(
          Array.from({ length: 10 }, () => store.getOrLoad('records', 10_000, failing)),
        );

        expect(failing).toHaveBeenCalledTimes(1);
        for (const outcome of outcomes) {
          expect(outcome).toMatchObject({
            status: 'rejected',
            reason: { message: 'Airtable is down' },
          });
        }
        expect(await store.get('records')).toBeUndefined();
        expect(await store.getOrLoad('records', 10_000, () => Promise.resolve(['rec1']))).toEqual([
          'rec1',
        ]);
      });

      it('loads again once the cached value has expired', async () => {
        let version = 0;
        const loader = () => Promise.resolve(++version);

        expect(await store.getOrLoad('version', 50, loader)).toBe(1);
        expect(await store.getOrLoad('version', 50, loader)).toBe(1);
        await sleep(120);
        expect(await store.getOrLoad('version', 50, loader)).toBe(2);
      });
    });

    describe('counters', () => {
      it('adds to the counter and resolves the new value', async () => {
        expect(await store.increment('tokens', 1, 10_000)).toBe(1);
        expect(await store.increment('tokens', 250, 10_000)).toBe(251);
        expect(await store.increment('tokens', -51, 10_000)).toBe(200);
        expect(await store.get('tokens')).toBe(200);
      });

      it('expires a counter TTL after its first increment, not its last', async () => {
        await store.increment('quota', 1, 300);
        await sleep(200);
        expect(await store.increment('quota', 1, 300)).toBe(2);

        await sleep(150);
        expect(await store.get('quota')).toBeUndefined();
        expect(await store.increment('quota', 1, 300)).toBe(1);
      });

      it('rejects an increment that is not an integer', async () => {
        await expect(store.increment('tokens', 0.5, 1_000)).rejects.toThrow(RangeError);
      });
    });

    describe('consume (rate limiter)', () => {
      // 5 per 500 ms: one unit comes back every 100 ms.
      const fivePerHalfSecond = { limit: 5, windowMs: 500 };

      it('allows exactly `limit` requests, then denies until a unit comes back', async () => {
        for (let expected = 4; expected >= 0; expected--) {
          expect(await store.consume('base', fivePerHalfSecond)).toEqual({
            allowed: true,
            remaining: expected,
            retryAfterMs: 0,
          });
        }

        const denied = await store.consume('base', fivePerHalfSecond);
        expect(denied).toMatchObject({ allowed: false, remaining: 0 });
        expect(denied.retryAfterMs).toBeGreaterThan(0);
        expect(denied.retryAfterMs).toBeLessThanOrEqual(100);

        await sleep(denied.retryAfterMs + 5);
        expect(await store.consume('base', fivePerHalfSecond)).toMatchObject({ allowed: true });
        expect(await store.consume('base', fivePerHalfSecond)).toMatchObject({ allowed: false });
      });

      it('allows a full burst again once the window has passed', async () => {
        for (let i = 0; i < 5; i++) await store.consume('base', fivePerHalfSecond);
        expect(await store.consume('base', fivePerHalfSecond)).toMatchObject({ allowed: false });

        await sleep(520);
        const burst = await Promise.all(
          Array.from({ length: 6 }, () => store.consume('base', fivePerHalfSecond)),
        );
        expect(burst.filter((decision) => decision.allowed)).toHaveLength(5);
      });

      it('allows the whole burst when the refill interval is not a whole millisecond', async () => {
        // 3 per second refills every 333.33 ms; rounding must not cost the third request.
        const threePerSecond = { limit: 3, windowMs: 1_000 };
        const decisions = [];
        for (let i = 0; i < 4; i++) decisions.push(await store.consume('thirds', threePerSecond));

        expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false]);
      });

      it('keeps separate keys independent', async () => {
        const onePerMinute = { limit: 1, windowMs: 60_000 };
        expect(await store.consume('base:app1', onePerMinute)).toMatchObject({ allowed: true });
        expect(await store.consume('base:app1', onePerMinute)).toMatchObject({ allowed: false });
        expect(await store.consume('base:app2', onePerMinute)).toMatchObject({ allowed: true });
      });

      it('spends `cost` units at once, and a denied request spends none', async () => {
        // 10 per second: one unit every 100 ms.
        const limit = { limit: 10, windowMs: 1_000, cost: 4 };
        expect(await store.consume('llm', limit)).toMatchObject({ allowed: true, remaining: 6 });
        expect(await store.consume('llm', limit)).toMatchObject({ allowed: true, remaining: 2 });

        const denied = await store.consume('llm', limit);
        expect(denied).toMatchObject({ allowed: false, remaining: 2 });
        expect(denied.retryAfterMs).toBeGreaterThan(100);
        expect(denied.retryAfterMs).toBeLessThanOrEqual(200);

        expect(await store.consume('llm', { ...limit, cost: 2 })).toMatchObject({
          allowed: true,
          remaining: 0,
        });
      });

      it('rejects a cost that could never be allowed', async () => {
        await expect(store.consume('llm', { limit: 3, windowMs: 1_000, cost: 4 })).rejects.toThrow(
          RangeError,
        );
      });
    });

    describe('publish and subscribe', () => {
      it('delivers to every subscriber of the channel until it unsubscribes', async () => {
        const first: JsonValue[] = [];
        const second: JsonValue[] = [];
        const elsewhere: JsonValue[] = [];
        const stopFirst = await store.subscribe('invalidate', (m) => void first.push(m));
        await store.subscribe('invalidate', (m) => void second.push(m));
        await store.subscribe('other-channel', (m) => void elsewhere.push(m));

        await store.publish('invalidate', { base: 'app1' });
        await vi.waitFor(() => {
          expect(first).toEqual([{ base: 'app1' }]);
          expect(second).toEqual([{ base: 'app1' }]);
        });

        await stopFirst();
        await stopFirst();
        await store.publish('invalidate', { base: 'app2' });
        await vi.waitFor(() => {
          expect(second).toEqual([{ base: 'app1' }, { base: 'app2' }]);
        });
        expect(first).toEqual([{ base: 'app1' }]);
        expect(elsewhere).toEqual([]);
      });

      it('reports a failing handler and still delivers to the others', async () => {
        const received: JsonValue[] = [];
        await store.subscribe('invalidate', () => {
          throw new Error('handler bug');
        });
        await store.subscribe('invalidate', (m) => void received.push(m));

        await store.publish('invalidate', 'all');
        await vi.waitFor(() => {
          expect(received).toEqual(['all']);
          expect(reported).toContainEqual(expect.objectContaining({ message: 'handler bug' }));
        });
      });
    });

    describe('lifecycle', () => {
      it('is ready while open, and neither ready nor usable once closed', async () => {
        const readiness = store.readinessCheck();
        await expect(readiness.check(AbortSignal.timeout(2_000))).resolves.toBeUndefined();

        await store.close();
        await store.close();
        await expect(readiness.check(AbortSignal.timeout(2_000))).rejects.toThrow(/closed/);
        await expect(store.get('anything')).rejects.toThrow(/closed/);
      });
    });
  });
}

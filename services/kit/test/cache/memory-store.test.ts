import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/cache/memory-store.ts';

/** The memory store takes a clock, so its arithmetic can be checked to the millisecond. */
function storeAt(start: number) {
  let time = start;
  const store = createMemoryStore({ now: () => time });
  return {
    store,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

describe('memory store with a controlled clock', () => {
  it('expires an entry exactly at its TTL', async () => {
    const { store, advance } = storeAt(1_700_000_000_000);
    await store.set('entry', 'value', 1_000);

    advance(999);
    expect(await store.get('entry')).toBe('value');
    advance(1);
    expect(await store.get('entry')).toBeUndefined();
    await store.close();
  });

  it('allows all of a limit whose interval is not a whole number of milliseconds', async () => {
    // 3 per second: one unit every 333.33 ms, which floating point cannot represent exactly.
    const { store, advance } = storeAt(1_700_000_000_000);
    const threePerSecond = { limit: 3, windowMs: 1_000 };
    for (let i = 0; i < 3; i++) {
      expect(await store.consume('base', threePerSecond)).toMatchObject({ allowed: true });
    }
    expect(await store.consume('base', threePerSecond)).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterMs: 334,
    });

    advance(334);
    expect(await store.consume('base', threePerSecond)).toEqual({
      allowed: true,
      remaining: 0,
      retryAfterMs: 0,
    });
    advance(1_000);
    expect(await store.consume('base', threePerSecond)).toMatchObject({
      allowed: true,
      remaining: 2,
    });
    await store.close();
  });
});

import { describe, expect, it } from 'vitest';
import { createKeyBackoff } from '../../src/runtime/key-backoff.ts';
import { createTokenBucket } from '../../src/runtime/token-bucket.ts';

describe('per-key backoff', () => {
  it('doubles per failure up to the cap, per key, and resets on forget', () => {
    const backoff = createKeyBackoff({ baseMs: 500, maxMs: 180_000 });
    const steps = Array.from({ length: 12 }, () => backoff.next('a'));
    expect(steps.slice(0, 5)).toEqual([500, 1_000, 2_000, 4_000, 8_000]);
    expect(steps.at(-1)).toBe(180_000);
    expect(backoff.next('b')).toBe(500);
    backoff.forget('a');
    expect(backoff.next('a')).toBe(500);
  });

  it('refuses settings that cannot work', () => {
    expect(() => createKeyBackoff({ baseMs: 0, maxMs: 10 })).toThrow(RangeError);
    expect(() => createKeyBackoff({ baseMs: 10, maxMs: 5 })).toThrow(RangeError);
  });
});

describe('the token bucket', () => {
  it('lets a burst through at once, then one per interval, refilling while idle', () => {
    let now = 0;
    const bucket = createTokenBucket({ perSecond: 10, burst: 3 }, () => now);
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 0, 0]);
    expect(bucket.reserve()).toBeCloseTo(100);
    expect(bucket.reserve()).toBeCloseTo(200);
    now = 10_000;
    expect(bucket.reserve()).toBe(0);
  });
});

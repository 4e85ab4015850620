import { describe, expect, it } from 'vitest';
import { createRandom, hashSeed } from '../../src/seed/random.ts';

function draws(seed: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: 20 }, () => random.next());
}

describe('createRandom', () => {
  it('repeats the same sequence for the same seed and another for another seed', () => {
    expect(draws(7)).toEqual(draws(7));
    expect(draws(7)).not.toEqual(draws(8));
  });

  it('keeps integers within both bounds and reaches each of them', () => {
    const random = createRandom(1);
    const seen = new Set(Array.from({ length: 500 }, () => random.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('samples distinct items and never picks an item of zero weight', () => {
    const random = createRandom(2);
    const sample = random.sample(['a', 'b', 'c', 'd', 'e'], 3);
    expect(new Set(sample).size).toBe(3);
    const picks = Array.from({ length: 200 }, () => random.pickWeighted(['x', 'y'], [0, 1]));
    expect(picks.every((pick) => pick === 'y')).toBe(true);
  });

  it('refuses to pick from an empty list', () => {
    expect(() => createRandom(3).pick([])).toThrow(RangeError);
  });
});

describe('hashSeed', () => {
  it('gives stable, different seeds for similar keys', () => {
    expect(hashSeed('t1')).toBe(hashSeed('t1'));
    expect(hashSeed('t1')).not.toBe(hashSeed('t2'));
    expect(hashSeed('t1', 1)).not.toBe(hashSeed('t1', 2));
  });
});

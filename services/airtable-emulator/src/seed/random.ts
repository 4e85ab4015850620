/**
 * A seeded pseudo-random generator, so every seed produces the same bases on every machine and
 * Node version (Math.random cannot be seeded). mulberry32: one 32-bit word of state, fast, and
 * good enough for picking demo data; not for anything secret.
 */

/** Draws from one seeded sequence; each call advances it. Members are plain functions, safe to pass around. */
export interface Random {
  /** A float in [0, 1). */
  readonly next: () => number;
  /** An integer in [min, max], both included. */
  readonly int: (min: number, max: number) => number;
  /** A float in [min, max). */
  readonly between: (min: number, max: number) => number;
  /** True with probability `probability`. */
  readonly chance: (probability: number) => boolean;
  /** One item; throws on an empty list. */
  readonly pick: <T>(items: readonly T[]) => T;
  /** One item, chosen with the given relative weights (same length as items). */
  readonly pickWeighted: <T>(items: readonly T[], weights: readonly number[]) => T;
  /** `count` distinct items in random order (at most all of them). */
  readonly sample: <T>(items: readonly T[], count: number) => T[];
  /** A shuffled copy. */
  readonly shuffle: <T>(items: readonly T[]) => T[];
}

/** A 32-bit seed from a string, so parts of a seed (a table, a field) get their own sequence. */
export function hashSeed(key: string, salt = 0): number {
  // murmur3-style mixing of FNV-1a: cheap and spreads similar keys ("t1", "t2") far apart.
  let hash = (0x811c9dc5 ^ salt) >>> 0;
  for (let index = 0; index < key.length; index += 1) {
    hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193);
  }
  return mix32(hash);
}

/** A bijective scramble of 32-bit integers (murmur3's finalizer): distinct in, distinct out. */
export function mix32(value: number): number {
  let word = value >>> 0;
  word = Math.imul(word ^ (word >>> 16), 0x85ebca6b);
  word = Math.imul(word ^ (word >>> 13), 0xc2b2ae35);
  return (word ^ (word >>> 16)) >>> 0;
}

function itemAt<T>(items: readonly T[], index: number): T {
  if (index < 0 || index >= items.length) throw new RangeError('cannot pick from an empty list');
  return items[index] as T;
}

/** A generator whose sequence is fixed by `seed`. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let word = state;
    word = Math.imul(word ^ (word >>> 15), word | 1);
    word ^= word + Math.imul(word ^ (word >>> 7), word | 61);
    return ((word ^ (word >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = int(0, index);
      const held = copy[index] as T;
      copy[index] = copy[other] as T;
      copy[other] = held;
    }
    return copy;
  };
  return {
    next,
    int,
    between: (min, max) => min + next() * (max - min),
    chance: (probability) => next() < probability,
    pick: (items) => itemAt(items, Math.floor(next() * items.length)),
    pickWeighted: (items, weights) => {
      const total = weights.reduce((sum, weight) => sum + weight, 0);
      let remaining = next() * total;
      for (let index = 0; index < items.length; index += 1) {
        remaining -= weights[index] ?? 0;
        if (remaining < 0) return itemAt(items, index);
      }
      return itemAt(items, items.length - 1);
    },
    sample: (items, count) => shuffle(items).slice(0, count),
    shuffle,
  };
}

/**
 * Airtable-shaped ids (`rec` + 14 letters or digits) made deterministically, so a seed gives
 * the same ids on every run and demos, tests and docs can name them.
 */
import { createRandom, hashSeed, mix32 } from './random.ts';

/** Id prefixes: base, table, field, view, record, select choice, attachment. */
export type AirtableIdPrefix = 'app' | 'tbl' | 'fld' | 'viw' | 'rec' | 'sel' | 'att';

/** Matches any id this module makes: a known prefix and 14 letters or digits. */
export const AIRTABLE_ID_PATTERN = /^(app|tbl|fld|viw|rec|sel|att)[A-Za-z0-9]{14}$/;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_CHARS = 8;
// 62^6 > 2^32, so six characters can spell every 32-bit counter value: the counter keeps ids
// unique without remembering the ones already made (a Set of 100k+ ids would cost memory).
const COUNTER_CHARS = 6;
const MAX_IDS_PER_MAKER = 2 ** 32;

function randomChars(next: () => number, count: number): string {
  let text = '';
  for (let index = 0; index < count; index += 1) {
    text += ALPHABET.charAt(Math.floor(next() * ALPHABET.length));
  }
  return text;
}

function counterChars(value: number): string {
  let text = '';
  let rest = value;
  for (let index = 0; index < COUNTER_CHARS; index += 1) {
    text += ALPHABET.charAt(rest % ALPHABET.length);
    rest = Math.floor(rest / ALPHABET.length);
  }
  return text;
}

/** Makes ids one after another; never the same id twice from one maker. */
export type IdMaker = (prefix: AirtableIdPrefix) => string;

/**
 * An id maker whose sequence is fixed by `seed`. Ids from one maker are unique (a scrambled
 * counter is part of each); ids from makers with different seeds collide only by chance
 * (about one in 62^8 per pair).
 */
export function createIdMaker(seed: number): IdMaker {
  const random = createRandom(seed);
  const offset = mix32(seed ^ 0x9e3779b9);
  let made = 0;
  return (prefix) => {
    if (made >= MAX_IDS_PER_MAKER) throw new RangeError('id maker exhausted');
    const unique = mix32((made + offset) >>> 0);
    made += 1;
    return prefix + randomChars(random.next, RANDOM_CHARS) + counterChars(unique);
  };
}

/**
 * The id named by `key` (e.g. a table id and a field name): the same key always gives the
 * same id, whatever else was made before, so schema ids survive reordering fields or
 * adding records. Distinct keys collide only by chance (64 bits of hash).
 */
export function idForKey(prefix: AirtableIdPrefix, key: string): string {
  const head = createRandom(hashSeed(key, 0x243f6a88));
  const tail = createRandom(hashSeed(key, 0x85a308d3));
  return prefix + randomChars(head.next, 7) + randomChars(tail.next, 7);
}

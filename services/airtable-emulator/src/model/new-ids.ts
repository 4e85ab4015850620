/**
 * Ids for things created at run time (records, fields, tables, comments, options): Airtable's
 * shape, a three-letter prefix and 14 letters or digits, drawn at random so they never collide
 * with seeded ids in practice.
 */
import { randomInt } from 'node:crypto';

/** Prefixes of the ids the emulator mints. */
export type IdPrefix = 'rec' | 'fld' | 'tbl' | 'viw' | 'sel' | 'com' | 'att' | 'itr';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A fresh id with the given prefix. */
export function newId(prefix: IdPrefix): string {
  let id: string = prefix;
  for (let index = 0; index < 14; index += 1) id += ALPHABET.charAt(randomInt(ALPHABET.length));
  return id;
}

/** Whether `id` has the shape of an id with `prefix`. */
export function isIdOf(prefix: IdPrefix | 'app' | 'usr', id: string): boolean {
  return id.length === 17 && id.startsWith(prefix) && /^[A-Za-z0-9]{14}$/.test(id.slice(3));
}

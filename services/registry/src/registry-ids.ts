import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Kinds of registry object and the prefix their ids carry, so an id says what it names. */
export const ID_PREFIXES = {
  tenant: 'ten',
  workspace: 'wsp',
  user: 'usr',
  apiKey: 'key',
} as const;

/** A new id such as `wsp_k3j9x0q2m1b7c8d4`: the kind's prefix and 16 random characters. */
export function newId(kind: keyof typeof ID_PREFIXES): string {
  return `${ID_PREFIXES[kind]}_${randomText(16)}`;
}

/** `length` characters from [0-9a-z], uniformly (256 is not a multiple of 36, so reject). */
export function randomText(length: number): string {
  let text = '';
  while (text.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 252 && text.length < length) text += ALPHABET[byte % 36] ?? '';
    }
  }
  return text;
}

import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Kinds of chat object and the prefix their ids carry, so an id says what it names. */
export const CHAT_ID_PREFIXES = {
  session: 'ses',
  message: 'msg',
} as const;

/**
 * A new id such as `ses_k3j9x0q2m1b7c8d4`: the kind's prefix and 16 random characters from
 * [0-9a-z] (about 82 bits), so ids can be made by any replica without asking the database and
 * cannot be guessed from one another.
 */
export function newChatId(kind: keyof typeof CHAT_ID_PREFIXES): string {
  let random = '';
  while (random.length < 16) {
    for (const byte of randomBytes(32)) {
      // 256 is not a multiple of 36: bytes from 252 up would favour the first four characters.
      if (byte < 252 && random.length < 16) random += ALPHABET[byte % 36] ?? '';
    }
  }
  return `${CHAT_ID_PREFIXES[kind]}_${random}`;
}

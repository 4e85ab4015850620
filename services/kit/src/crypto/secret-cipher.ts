import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** One AES-256 key and the id stored beside everything it encrypted. */
export interface CipherKey {
  /** Short and stable: letters, digits, `-` and `_`. */
  readonly id: string;
  /** Exactly 32 bytes. */
  readonly key: Uint8Array;
}

/** Encrypts secrets at rest (Airtable tokens, signing keys) and decrypts them again. */
export interface SecretCipher {
  /** The id of the key new ciphertexts are made with. */
  readonly primaryKeyId: string;
  encrypt(plaintext: string): string;
  /** Throws {@link SecretDecryptionError} for an unknown key, tampering or a damaged value. */
  decrypt(ciphertext: string): string;
  /** Whether `ciphertext` was made with an older key and should be encrypted again. */
  needsReencryption(ciphertext: string): boolean;
}

/** A ciphertext that cannot be decrypted; the message never contains any part of it. */
export class SecretDecryptionError extends Error {
  constructor(reason: string) {
    super(`cannot decrypt the stored secret: ${reason}`);
    this.name = 'SecretDecryptionError';
  }
}

const FORMAT = 'v1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * AES-256-GCM with a random 96-bit nonce per value, written as
 * `v1.<keyId>.<nonce>.<tag>.<ciphertext>` (base64url). Keys rotate by putting the new one first:
 * everything old still decrypts, and `needsReencryption` finds what to rewrite.
 */
export function createSecretCipher(keys: readonly CipherKey[]): SecretCipher {
  const [primary] = keys;
  if (primary === undefined) throw new Error('a secret cipher needs at least one key');
  const byId = new Map<string, Uint8Array>();
  for (const { id, key } of keys) {
    if (!KEY_ID.test(id)) throw new Error(`cipher key id "${id}" must match ${KEY_ID.source}`);
    if (key.length !== 32) throw new Error(`cipher key "${id}" must be 32 bytes`);
    if (byId.has(id)) throw new Error(`cipher key id "${id}" is given twice`);
    byId.set(id, key);
  }
  return {
    primaryKeyId: primary.id,
    encrypt(plaintext) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', primary.key, nonce);
      cipher.setAAD(Buffer.from(`${FORMAT}.${primary.id}`));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [nonce, cipher.getAuthTag(), body].map((part) => part.toString('base64url'));
      return [FORMAT, primary.id, ...parts].join('.');
    },
    decrypt(ciphertext) {
      const [format, keyId, nonce, tag, body, extra] = ciphertext.split('.');
      if (format !== FORMAT || nonce === undefined || tag === undefined || body === undefined) {
        throw new SecretDecryptionError('not a v1 ciphertext');
      }
      if (extra !== undefined) throw new SecretDecryptionError('not a v1 ciphertext');
      const key = keyId === undefined ? undefined : byId.get(keyId);
      if (key === undefined) throw new SecretDecryptionError(`no key with id "${String(keyId)}"`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
        decipher.setAAD(Buffer.from(`${FORMAT}.${keyId ?? ''}`));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        const plain = Buffer.concat([
          decipher.update(Buffer.from(body, 'base64url')),
          decipher.final(),
        ]);
        return plain.toString('utf8');
      } catch {
        throw new SecretDecryptionError('the value was altered or the key is wrong');
      }
    },
    needsReencryption(ciphertext) {
      return ciphertext.split('.')[1] !== primary.id;
    },
  };
}

/**
 * Parses the `SECRET_ENCRYPTION_KEYS` format: comma-separated `id:base64key` pairs, the
 * primary first. Errors name the position, never the key material.
 */
export function parseCipherKeys(value: string): CipherKey[] {
  return value.split(',').map((entry, index) => {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator).trim();
    const key = Buffer.from(entry.slice(separator + 1).trim(), 'base64');
    if (separator <= 0 || !KEY_ID.test(id)) {
      throw new Error(`key ${String(index + 1)} must look like "<id>:<base64 of 32 bytes>"`);
    }
    if (key.length !== 32) {
      throw new Error(`key ${String(index + 1)} ("${id}") must be 32 bytes, base64-encoded`);
    }
    return { id, key };
  });
}

/** A fresh key in the `SECRET_ENCRYPTION_KEYS` format, for local stacks and tests. */
export function generateCipherKey(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

import { describe, expect, it } from 'vitest';
import {
  createSecretCipher,
  generateCipherKey,
  parseCipherKeys,
  SecretDecryptionError,
} from '../../src/crypto/secret-cipher.ts';

const keyA = parseCipherKeys(generateCipherKey('a'));
const keyB = parseCipherKeys(generateCipherKey('b'));

describe('createSecretCipher', () => {
  it('round-trips a secret without the plaintext showing in the ciphertext', () => {
    const cipher = createSecretCipher(keyA);
    const secret = 'patAbc123.0123456789abcdef';
    const sealed = cipher.encrypt(secret);
    expect(sealed).not.toContain('patAbc123');
    expect(sealed.startsWith('v1.a.')).toBe(true);
    expect(cipher.decrypt(sealed)).toBe(secret);
  });

  it('uses a new nonce every time', () => {
    const cipher = createSecretCipher(keyA);
    expect(cipher.encrypt('same')).not.toBe(cipher.encrypt('same'));
  });

  it('rejects an altered ciphertext', () => {
    const cipher = createSecretCipher(keyA);
    const parts = cipher.encrypt('secret value').split('.');
    const body = Buffer.from(parts[4] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow(SecretDecryptionError);
  });

  it('refuses to move a ciphertext to another key id', () => {
    const both = createSecretCipher([...keyA, { id: 'b', key: keyA[0]?.key ?? new Uint8Array() }]);
    const relabelled = both.encrypt('secret').replace('v1.a.', 'v1.b.');
    expect(() => both.decrypt(relabelled)).toThrow(SecretDecryptionError);
  });

  it('decrypts with an older key after rotation and says what needs rewriting', () => {
    const old = createSecretCipher(keyA);
    const sealed = old.encrypt('rotate me');
    const rotated = createSecretCipher([...keyB, ...keyA]);
    expect(rotated.decrypt(sealed)).toBe('rotate me');
    expect(rotated.needsReencryption(sealed)).toBe(true);
    expect(rotated.needsReencryption(rotated.encrypt('x'))).toBe(false);
  });

  it('names an unknown key id without echoing the value', () => {
    const sealed = createSecretCipher(keyB).encrypt('secret');
    expect(() => createSecretCipher(keyA).decrypt(sealed)).toThrow('no key with id "b"');
    expect(() => createSecretCipher(keyA).decrypt('garbage')).toThrow('not a v1 ciphertext');
  });
});

describe('parseCipherKeys', () => {
  it('reads several keys, primary first', () => {
    const keys = parseCipherKeys(`${generateCipherKey('new')},${generateCipherKey('old')}`);
    expect(keys.map((key) => key.id)).toEqual(['new', 'old']);
  });

  it('explains a malformed entry by position, without key material', () => {
    expect(() => parseCipherKeys('nocolon')).toThrow('key 1 must look like');
    expect(() => parseCipherKeys(`${generateCipherKey('a')},b:c2hvcnQ=`)).toThrow(
      'key 2 ("b") must be 32 bytes',
    );
  });
});

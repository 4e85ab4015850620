import { createSecretCipher, generateCipherKey, parseCipherKeys } from '@pyairtable/kit';
import type { SecretCipher } from '@pyairtable/kit';

/** A cipher with a fresh random key, as a deployment's SECRET_ENCRYPTION_KEYS would give. */
export function createTestCipher(id = 'test'): SecretCipher {
  return createSecretCipher(parseCipherKeys(generateCipherKey(id)));
}

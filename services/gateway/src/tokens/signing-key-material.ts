import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import type { SecretCipher } from '@pyairtable/kit';
import type { PublicJwk } from './jwks-schema.ts';

/**
 * The algorithm new keys are made for: Ed25519 signatures are small and fast, and the kit's
 * verifiers accept them by default. Written `EdDSA`, the name every JOSE library knows.
 */
export const SIGNING_ALGORITHM = 'EdDSA';

/** A new key pair as it is stored: the private half already encrypted. */
export interface NewSigningKey {
  readonly kid: string;
  readonly algorithm: string;
  readonly publicJwk: JWK;
  readonly privateJwkCiphertext: string;
}

/**
 * Generates an Ed25519 key pair. The kid is the public key's RFC 7638 thumbprint, so it is
 * unique without coordination and names the key it belongs to.
 */
export async function generateSigningKey(cipher: SecretCipher): Promise<NewSigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, {
    extractable: true,
  });
  const publicJwk = await exportJWK(publicKey);
  const privateJwk = await exportJWK(privateKey);
  return {
    kid: await calculateJwkThumbprint(publicJwk),
    algorithm: SIGNING_ALGORITHM,
    publicJwk,
    privateJwkCiphertext: cipher.encrypt(JSON.stringify(privateJwk)),
  };
}

/** Decrypts a stored private JWK and imports it for signing with `algorithm`. */
export async function importPrivateKey(
  cipher: SecretCipher,
  ciphertext: string,
  algorithm: string,
): Promise<CryptoKey> {
  const jwk = JSON.parse(cipher.decrypt(ciphertext)) as JWK;
  const key = await importJWK(jwk, algorithm);
  if (key instanceof Uint8Array) throw new Error('a signing key must be asymmetric');
  return key;
}

/**
 * The published form of a stored public key: its public members only, picked one by one so
 * nothing private can reach the key set even if it were stored by mistake.
 */
export function publishedJwk(kid: string, algorithm: string, stored: JWK): PublicJwk {
  if (stored.kty === undefined) throw new Error(`stored public key ${kid} has no kty`);
  const published: PublicJwk = { kty: stored.kty, kid, alg: algorithm, use: 'sig' };
  for (const member of ['crv', 'x', 'y', 'n', 'e'] as const) {
    const value = stored[member];
    if (typeof value === 'string') published[member] = value;
  }
  return published;
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A refresh token taken apart: the row it names and the secret that proves possession. */
export interface RefreshTokenParts {
  readonly id: string;
  readonly secret: string;
}

/** A new refresh token: what the client gets and what the database keeps. */
export interface NewRefreshToken extends RefreshTokenParts {
  /** `rt_<id>.<secret>`, handed to the client once and never stored. */
  readonly token: string;
  /** SHA-256 of the secret, hex; the only trace of the secret in the database. */
  readonly secretHash: string;
}

// 16 random bytes for the id, 32 for the secret, both base64url (no padding).
const TOKEN_FORMAT = /^rt_([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/** A random id (16 bytes, base64url) for token rows and families. */
export function newRandomId(): string {
  return randomBytes(16).toString('base64url');
}

/** Creates a refresh token with a fresh id and a 256-bit secret. */
export function newRefreshToken(): NewRefreshToken {
  const id = newRandomId();
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, token: `rt_${id}.${secret}`, secretHash: hashSecret(secret) };
}

/** Splits a presented token; undefined when it cannot be one of ours. */
export function parseRefreshToken(token: string): RefreshTokenParts | undefined {
  const match = TOKEN_FORMAT.exec(token);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { id: match[1], secret: match[2] };
}

/**
 * A plain SHA-256 is enough here, unlike for passwords: the secret is 256 random bits, so
 * there is nothing to guess, only a database dump to make useless.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * Whether `secret` hashes to `storedHash`, compared in constant time. The row is found by its
 * id, which is no secret; the comparison is what must not leak how much of a guess was right.
 */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

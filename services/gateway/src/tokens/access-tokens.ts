import type { PlatformRole } from '@pyairtable/registry';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { epochSeconds, systemClock } from './clock.ts';
import type { Clock } from './clock.ts';
import type { SigningKeyStore } from './signing-keys.ts';

/** Options of {@link createAccessTokenIssuer}. */
export interface AccessTokenIssuerOptions {
  readonly keys: Pick<SigningKeyStore, 'activeKey' | 'maxTokenLifetimeSeconds'>;
  /** `iss`: what verifiers are configured to expect, e.g. the gateway's public URL. */
  readonly issuer: string;
  /** `aud`: the services the token is meant for. */
  readonly audience: string | readonly string[];
  /** Default 900 s; at most the key store's `maxTokenLifetimeSeconds`. */
  readonly ttlSeconds?: number;
  readonly clock?: Clock;
}

/** Whom a token is issued to. */
export interface AccessTokenSubject {
  /** The user's id in the platform registry; becomes `sub`. */
  readonly userId: string;
  readonly email: string;
  readonly platformRole: PlatformRole;
  /** The sign-in the token belongs to (the refresh-token family); becomes `sid`. */
  readonly sessionId?: string | undefined;
}

/** A signed access token. */
export interface IssuedAccessToken {
  readonly token: string;
  /** Seconds until it expires, as OAuth's `expires_in`. */
  readonly expiresIn: number;
}

/** Signs access tokens with the gateway's current key. */
export interface AccessTokenIssuer {
  issue(subject: AccessTokenSubject): Promise<IssuedAccessToken>;
}

/**
 * Creates the issuer of the platform's access tokens: short-lived JWTs that chat and mcp
 * verify against the gateway's JWKS with the kit's `createJwtVerifier`. Claims: `iss`, `aud`,
 * `sub` (user id), `email`, `role` (platform role), `iat`, `exp`, `jti`, and `sid` when a
 * session is named; the header names the key (`kid`) and algorithm.
 */
export function createAccessTokenIssuer(options: AccessTokenIssuerOptions): AccessTokenIssuer {
  const { keys, issuer } = options;
  const audience = typeof options.audience === 'string' ? options.audience : [...options.audience];
  const ttlSeconds = options.ttlSeconds ?? 900;
  const clock = options.clock ?? systemClock;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new RangeError(`access-token ttlSeconds must be a positive integer, got ${ttlSeconds}`);
  }
  // Retired keys leave the key set after that long: a longer-lived token would stop verifying.
  if (ttlSeconds > keys.maxTokenLifetimeSeconds) {
    throw new RangeError(
      `access-token ttlSeconds (${ttlSeconds}) exceeds the key store's maxTokenLifetimeSeconds (${keys.maxTokenLifetimeSeconds})`,
    );
  }

  return {
    async issue(subject) {
      if (subject.userId === '') throw new TypeError('an access token needs a user id');
      const key = await keys.activeKey();
      const issuedAt = epochSeconds(clock());
      const claims: Record<string, string> = {
        email: subject.email,
        role: subject.platformRole,
      };
      if (subject.sessionId !== undefined) claims.sid = subject.sessionId;
      const token = await new SignJWT(claims)
        // `at+jwt` (RFC 9068) tells an access token apart from other JWTs a client may hold.
        .setProtectedHeader({ alg: key.algorithm, kid: key.kid, typ: 'at+jwt' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(subject.userId)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .setJti(randomUUID())
        .sign(key.privateKey);
      return { token, expiresIn: ttlSeconds };
    },
  };
}

import {
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';

export const issuer = 'https://gateway.test';
export const audience = 'mcp';

/** A signing key and its public JWK, as the gateway would hold and publish them. */
export interface SigningKey {
  readonly kid: string;
  readonly alg: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

/** Generates a key pair for `alg` and the public JWK a JWKS would publish for it. */
export async function signingKey(kid: string, alg: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return {
    kid,
    alg,
    privateKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' },
  };
}

/** What a test changes about an otherwise valid token. */
export interface TokenChanges {
  readonly claims?: JWTPayload;
  /** Seconds relative to now. */
  readonly expiresIn?: number;
  readonly kid?: string;
  readonly omitExpiry?: boolean;
}

/** Signs an access token: valid for this issuer and audience unless `changes` say otherwise. */
export async function sign(key: SigningKey, changes: TokenChanges = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ iss: issuer, aud: audience, sub: 'user-1', ...changes.claims })
    .setProtectedHeader({ alg: key.alg, kid: changes.kid ?? key.kid, typ: 'JWT' })
    .setIssuedAt(now - 60);
  if (changes.omitExpiry !== true) jwt.setExpirationTime(now + (changes.expiresIn ?? 300));
  return jwt.sign(key.privateKey);
}

/** An unsigned token (`alg: none`), built by hand since jose refuses to make one. */
export function unsignedToken(kid: string): string {
  const encode = (value: object): string =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const header = encode({ alg: 'none', typ: 'JWT', kid });
  const claims = encode({ iss: issuer, aud: audience, sub: 'user-1', exp: now + 300 });
  return `${header}.${claims}.`;
}

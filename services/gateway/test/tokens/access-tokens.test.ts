import { decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { createJwtVerifier, JwtVerificationError } from '@pyairtable/kit';
import type { JwtRejectionReason } from '@pyairtable/kit';
import { createAccessTokenIssuer } from '../../src/tokens/access-tokens.ts';
import type { AccessTokenIssuer } from '../../src/tokens/access-tokens.ts';
import { createSigningKeyStore } from '../../src/tokens/signing-keys.ts';
import type { SigningKeyStore } from '../../src/tokens/signing-keys.ts';
import { createFakeClock } from './fake-clock.ts';
import { createTestCipher } from './test-cipher.ts';
import { useFreshDatabasePerTest } from './tokens-database.ts';

const issuer = 'https://gateway.test';
const audience = ['chat', 'mcp'];
const alice = { userId: 'usr_alice', email: 'alice@example.com', platformRole: 'user' } as const;

const fresh = useFreshDatabasePerTest();
let keys: SigningKeyStore;
let tokens: AccessTokenIssuer;

beforeEach(async () => {
  keys = createSigningKeyStore({
    pool: fresh.pool,
    cipher: createTestCipher(),
    clock: fresh.clock.now,
  });
  await keys.ensureActiveKey();
  tokens = createAccessTokenIssuer({ keys, issuer, audience, clock: fresh.clock.now });
});

/** How chat and mcp check tokens: the kit's verifier over the gateway's current key set. */
async function verify(token: string, verifierAudience: string | string[] = 'mcp') {
  const verifier = createJwtVerifier({
    jwks: await keys.publicJwks(),
    issuer,
    audience: verifierAudience,
  });
  return verifier.verify(token);
}

async function rejectionOf(token: string, verifierAudience?: string): Promise<JwtRejectionReason> {
  const error: unknown = await verify(token, verifierAudience).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(error instanceof JwtVerificationError)) throw new Error('the token was accepted');
  return error.reason;
}

describe('access tokens', () => {
  it('verify with the kit verifier and carry who the user is', async () => {
    const { token, expiresIn } = await tokens.issue({ ...alice, sessionId: 'family-1' });
    expect(expiresIn).toBe(900);
    const claims = await verify(token);
    expect(claims).toMatchObject({
      iss: issuer,
      aud: audience,
      sub: 'usr_alice',
      email: 'alice@example.com',
      role: 'user',
      sid: 'family-1',
    });
    expect(claims.exp - (claims.iat ?? 0)).toBe(900);
    expect(claims.jti).toMatch(/^[\da-f-]{36}$/);
    expect(decodeProtectedHeader(token)).toEqual({
      alg: 'EdDSA',
      kid: (await keys.activeKey()).kid,
      typ: 'at+jwt',
    });
  });

  it('each get their own jti', async () => {
    const [first, second] = await Promise.all([tokens.issue(alice), tokens.issue(alice)]);
    expect((await verify(first.token)).jti).not.toBe((await verify(second.token)).jti);
  });

  it('cannot be configured to outlive the keys that verify them', () => {
    expect(() => createAccessTokenIssuer({ keys, issuer, audience, ttlSeconds: 3600 })).toThrow(
      RangeError,
    );
  });
});

describe('access tokens across a key rotation', () => {
  it('verify when signed before it, name the new key after it, and stop with the old key', async () => {
    const before = await tokens.issue(alice);
    const oldKid = decodeProtectedHeader(before.token).kid;
    const { kid: newKid } = await keys.rotate();

    expect((await verify(before.token)).sub).toBe('usr_alice');
    const after = await tokens.issue(alice);
    expect(decodeProtectedHeader(after.token).kid).toBe(newKid);
    expect(newKid).not.toBe(oldKid);
    expect((await verify(after.token)).sub).toBe('usr_alice');

    // Once every token of the old key has expired, the key leaves the set.
    fresh.clock.advance(3600);
    expect((await keys.publicJwks()).keys.map((key) => key.kid)).toEqual([newKid]);
    expect(await rejectionOf(before.token)).toBe('unknown-key');
  });
});

describe('the verifier rejects', () => {
  it('an unsigned token (alg none)', async () => {
    const { token } = await tokens.issue(alice);
    const [, payload] = token.split('.');
    const header = Buffer.from(
      JSON.stringify({ alg: 'none', kid: decodeProtectedHeader(token).kid }),
    ).toString('base64url');
    expect(await rejectionOf(`${header}.${payload ?? ''}.`)).toBe('alg-not-allowed');
  });

  it('a token signed by a foreign key claiming our kid', async () => {
    const { kid } = await keys.activeKey();
    const foreign = await generateKeyPair('EdDSA');
    const forged = await new SignJWT({ email: alice.email, role: 'admin' })
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(alice.userId)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(foreign.privateKey);
    expect(await rejectionOf(forged)).toBe('bad-signature');
  });

  it('a token whose claims were changed after signing', async () => {
    const { token } = await tokens.issue(alice);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as object;
    const elevated = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString(
      'base64url',
    );
    expect(await rejectionOf(`${header ?? ''}.${elevated}.${signature ?? ''}`)).toBe(
      'bad-signature',
    );
  });

  it('an expired token', async () => {
    const earlier = createFakeClock(new Date(Date.now() - 3_600_000));
    const stale = createAccessTokenIssuer({ keys, issuer, audience, clock: earlier.now });
    const { token } = await stale.issue(alice);
    expect(await rejectionOf(token)).toBe('expired');
  });

  it('a token for another audience', async () => {
    const { token } = await tokens.issue(alice);
    expect(await rejectionOf(token, 'billing')).toBe('wrong-audience');
  });
});

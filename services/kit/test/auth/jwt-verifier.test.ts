import Fastify, { type FastifyInstance } from 'fastify';
import { CompactSign, SignJWT, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier, type JwtVerifier } from '../../src/auth/create-jwt-verifier.ts';
import {
  JwksUnavailableError,
  JwtVerificationError,
  type JwtRejectionReason,
} from '../../src/auth/jwt-verification-error.ts';
import { findFreePort as closedPort } from '../../src/net/ports.ts';
import {
  audience,
  issuer,
  sign,
  signingKey,
  unsignedToken,
  type SigningKey,
} from './token-factory.ts';

describe('JWT verifier', () => {
  let edKey: SigningKey;
  let ecKey: SigningKey;
  let rsaKey: SigningKey;
  let jwks: JSONWebKeySet;
  let jwksServer: FastifyInstance;
  let jwksFetches = 0;
  let verifier: JwtVerifier;

  const rejectionOf = async (token: string, by = verifier): Promise<JwtRejectionReason> => {
    const error: unknown = await by.verify(token).then(
      () => undefined,
      (error: unknown) => error,
    );
    if (!(error instanceof JwtVerificationError)) throw new Error('token was not rejected');
    expect(error.statusCode).toBe(401);
    return error.reason;
  };

  beforeAll(async () => {
    [edKey, ecKey, rsaKey] = await Promise.all([
      signingKey('ed-1', 'EdDSA'),
      signingKey('ec-1', 'ES256'),
      signingKey('rsa-1', 'RS256'),
    ]);
    jwks = { keys: [edKey.publicJwk, ecKey.publicJwk, rsaKey.publicJwk] };
    jwksServer = Fastify();
    jwksServer.get('/.well-known/jwks.json', () => {
      jwksFetches += 1;
      return jwks;
    });
    const url = await jwksServer.listen({ port: 0, host: '127.0.0.1' });
    verifier = createJwtVerifier({
      jwksUrl: `${url}/.well-known/jwks.json`,
      issuer,
      audience,
      clockToleranceSeconds: 30,
    });
  });
  afterAll(async () => {
    await jwksServer.close();
  });

  it('accepts valid tokens signed with EdDSA, ES256 and RS256 keys from the JWKS URL', async () => {
    for (const key of [edKey, ecKey, rsaKey]) {
      const claims = await verifier.verify(await sign(key, { claims: { role: 'editor' } }));
      expect(claims).toMatchObject({ iss: issuer, aud: audience, sub: 'user-1', role: 'editor' });
    }
    // jose caches the key set: one fetch serves every token.
    expect(jwksFetches).toBe(1);
  });

  it('accepts tokens against a key set given as an object', async () => {
    const local = createJwtVerifier({ jwks, issuer, audience: ['chat', audience] });
    expect((await local.verify(await sign(edKey))).sub).toBe('user-1');
  });

  it('asks a key set provider on every token, so keys it adds later are trusted at once', async () => {
    let current: JSONWebKeySet = { keys: [edKey.publicJwk] };
    const provided = createJwtVerifier({
      jwksProvider: () => Promise.resolve(current),
      issuer,
      audience,
    });
    expect((await provided.verify(await sign(edKey))).sub).toBe('user-1');
    expect(await rejectionOf(await sign(ecKey), provided)).toBe('unknown-key');
    current = { keys: [edKey.publicJwk, ecKey.publicJwk] };
    expect((await provided.verify(await sign(ecKey))).sub).toBe('user-1');
  });

  it('rejects a token from another issuer', async () => {
    const token = await sign(edKey, { claims: { iss: 'https://evil.test' } });
    expect(await rejectionOf(token)).toBe('wrong-issuer');
  });

  it('rejects a token for another audience', async () => {
    const token = await sign(edKey, { claims: { aud: 'chat' } });
    expect(await rejectionOf(token)).toBe('wrong-audience');
  });

  it('rejects a token expired beyond the clock tolerance', async () => {
    expect(await rejectionOf(await sign(edKey, { expiresIn: -120 }))).toBe('expired');
  });

  it('accepts a token expired within the clock tolerance', async () => {
    const claims = await verifier.verify(await sign(edKey, { expiresIn: -10 }));
    expect(claims.sub).toBe('user-1');
  });

  it('rejects a token without an expiry', async () => {
    expect(await rejectionOf(await sign(edKey, { omitExpiry: true }))).toBe('invalid-claims');
  });

  it('rejects an unsigned token (alg none)', async () => {
    expect(await rejectionOf(unsignedToken(edKey.kid))).toBe('alg-not-allowed');
  });

  it('rejects an HMAC token keyed with the public key (algorithm confusion)', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(rsaKey.publicJwk));
    const token = await new SignJWT({ iss: issuer, aud: audience, sub: 'user-1' })
      .setProtectedHeader({ alg: 'HS256', kid: rsaKey.kid })
      .setExpirationTime('5m')
      .sign(secret);
    expect(await rejectionOf(token)).toBe('alg-not-allowed');
  });

  it('rejects an algorithm left out of the allow-list', async () => {
    const edOnly = createJwtVerifier({ jwks, issuer, audience, algorithms: ['EdDSA'] });
    expect(await rejectionOf(await sign(rsaKey), edOnly)).toBe('alg-not-allowed');
  });

  it('rejects a token naming a key the JWKS does not have', async () => {
    const stranger = await signingKey('ed-unknown', 'EdDSA');
    expect(await rejectionOf(await sign(stranger))).toBe('unknown-key');
  });

  it('rejects a token signed by another key under a known key id', async () => {
    const impostor = await signingKey(edKey.kid, 'EdDSA');
    expect(await rejectionOf(await sign(impostor))).toBe('bad-signature');
  });

  it.each(['', 'not-a-token', 'a.b.c', 'bm90LWpzb24.e30.c2ln'])(
    'rejects the malformed token %j',
    async (token) => {
      expect(await rejectionOf(token)).toBe('malformed');
    },
  );

  it('rejects a correctly signed token whose claims are not a JSON object', async () => {
    const token = await new CompactSign(new TextEncoder().encode('not json'))
      .setProtectedHeader({ alg: edKey.alg, kid: edKey.kid })
      .sign(edKey.privateKey);
    expect(await rejectionOf(token)).toBe('malformed');
  });

  it('reports an unreachable JWKS as unavailable, not as a bad token', async () => {
    const unreachable = createJwtVerifier({
      jwksUrl: `http://127.0.0.1:${await closedPort()}/.well-known/jwks.json`,
      issuer,
      audience,
    });
    const error: unknown = await unreachable.verify(await sign(edKey)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JwksUnavailableError);
    expect(error).toMatchObject({ statusCode: 503 });
  });

  it('refuses to be configured with a symmetric algorithm or none', () => {
    for (const algorithm of ['HS256', 'none']) {
      expect(() =>
        // @ts-expect-error -- the type admits asymmetric algorithms only; config may not
        createJwtVerifier({ jwks, issuer, audience, algorithms: [algorithm] }),
      ).toThrow(TypeError);
    }
  });
});

import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { CryptoKey } from 'jose';
import { createJwtVerifier, createLogger, createServiceApp } from '@pyairtable/kit';
import type { ServiceApp } from '@pyairtable/kit';
import type { User } from '@pyairtable/registry';
import { realtimeRoutes } from '../../src/realtime/index.ts';
import type { RealtimeOptions } from '../../src/realtime/index.ts';

const ISSUER = 'https://gateway.test';
const AUDIENCE = 'pyairtable-test';

/** Signs access tokens the realtime routes accept, as the gateway's own keys would. */
export interface TokenSigner {
  /** A token for `userId` that expires `ttlSeconds` from now (negative: already expired). */
  sign(userId: string, ttlSeconds?: number): Promise<string>;
  readonly verifier: RealtimeOptions['verifier'];
}

/** A signer and a verifier over one fresh Ed25519 key. */
export async function createTokenSigner(): Promise<TokenSigner> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'EdDSA', use: 'sig' };
  return {
    verifier: createJwtVerifier({ jwks: { keys: [jwk] }, issuer: ISSUER, audience: AUDIENCE }),
    sign: (userId, ttlSeconds = 600) => signToken(privateKey, userId, ttlSeconds),
  };
}

function signToken(key: CryptoKey, userId: string, ttlSeconds: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'EdDSA', kid: 'test-key' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now - 1)
    .setExpirationTime(now + ttlSeconds)
    .sign(key);
}

/** Users the fake registry knows: one active, one disabled. */
export const USERS: Readonly<Record<string, User>> = {
  usr_active: user('usr_active', false),
  usr_disabled: user('usr_disabled', true),
};

function user(id: string, disabled: boolean): User {
  return {
    id,
    email: `${id}@example.com`,
    username: null,
    displayName: id,
    platformRole: 'user',
    disabled,
    createdAt: new Date(0),
  };
}

/** The realtime routes alone on a kit app, listening on loopback. */
export interface RealtimeGateway {
  readonly app: ServiceApp;
  /** `ws://…/ws` */
  readonly wsUrl: string;
  close(): Promise<void>;
}

/** Starts the realtime routes in front of `chatUrl` with a fake registry. */
export async function startRealtimeGateway(
  chatUrl: string,
  signer: TokenSigner,
  options: Partial<
    Pick<RealtimeOptions, 'pingIntervalMs' | 'now' | 'maxStreamsPerConnection'>
  > = {},
): Promise<RealtimeGateway> {
  const app = createServiceApp({ logger: createLogger({ service: 'gateway', level: 'silent' }) });
  await app.register(realtimeRoutes, {
    config: { CHAT_URL: chatUrl, UPSTREAM_TIMEOUT_MS: 2_000 },
    verifier: signer.verifier,
    registry: { users: { get: (id) => Promise.resolve(USERS[id]) } },
    ...options,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    wsUrl: `${url.replace(/^http/, 'ws').replace(/\/$/, '')}/ws`,
    close: () => app.close(),
  };
}

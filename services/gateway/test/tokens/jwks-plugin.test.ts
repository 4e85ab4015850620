import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier, createLogger, createServiceApp } from '@pyairtable/kit';
import type { ServiceApp } from '@pyairtable/kit';
import { startTestPostgres } from '@pyairtable/kit/testing';
import type { TestPostgres } from '@pyairtable/kit/testing';
import { createAccessTokenIssuer } from '../../src/tokens/access-tokens.ts';
import { jwksPlugin } from '../../src/tokens/jwks-plugin.ts';
import type { JwksPluginOptions } from '../../src/tokens/jwks-plugin.ts';
import type { Jwks } from '../../src/tokens/jwks-schema.ts';
import { createSigningKeyStore } from '../../src/tokens/signing-keys.ts';
import type { SigningKeyStore } from '../../src/tokens/signing-keys.ts';
import { createTestCipher } from './test-cipher.ts';
import { createMigratedDatabase } from './tokens-database.ts';
import type { MigratedDatabase } from './tokens-database.ts';

const issuer = 'https://gateway.test';

async function buildApp(keys: JwksPluginOptions['keys']): Promise<ServiceApp> {
  const app = createServiceApp({ logger: createLogger({ service: 'gateway', level: 'silent' }) });
  await app.register(jwksPlugin, { keys });
  await app.ready();
  return app;
}

let postgres: TestPostgres;
let database: MigratedDatabase;
let keys: SigningKeyStore;
let app: ServiceApp;

beforeAll(async () => {
  postgres = await startTestPostgres();
  database = await createMigratedDatabase(postgres.adminUrl);
  keys = createSigningKeyStore({ pool: database.pool, cipher: createTestCipher() });
  await keys.ensureActiveKey();
  app = await buildApp(keys);
});
afterAll(async () => {
  await app.close();
  await database.drop();
  await postgres.stop();
});

describe('GET /.well-known/jwks.json', () => {
  it('serves the public signing keys, cacheable for a minute', async () => {
    const response = await app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=60');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = response.json<Jwks>();
    expect(body.keys.map((key) => key.kid)).toEqual([(await keys.activeKey()).kid]);
    expect(body.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
  });

  it('is what services verify access tokens against', async () => {
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const verifier = createJwtVerifier({
      jwksUrl: `${url}/.well-known/jwks.json`,
      issuer,
      audience: 'mcp',
    });
    const tokens = createAccessTokenIssuer({ keys, issuer, audience: 'mcp' });
    const { token } = await tokens.issue({
      userId: 'usr_alice',
      email: 'alice@example.com',
      platformRole: 'admin',
    });
    expect(await verifier.verify(token)).toMatchObject({ sub: 'usr_alice', role: 'admin' });
  });

  it('never sends private key members, whatever the store hands it', async () => {
    const leaky = {
      publicJwks: () =>
        Promise.resolve({
          keys: [
            {
              kty: 'OKP',
              crv: 'Ed25519',
              x: 'public-x',
              d: 'private-d',
              kid: 'k',
              alg: 'EdDSA',
              use: 'sig',
            },
          ],
        } as unknown as Jwks),
    };
    const leakyApp = await buildApp(leaky);
    try {
      const response = await leakyApp.inject({ method: 'GET', url: '/.well-known/jwks.json' });
      expect(response.statusCode).toBe(200);
      expect(response.json<Jwks>().keys[0]).toMatchObject({ kid: 'k', x: 'public-x' });
      expect(response.body).not.toContain('private-d');
    } finally {
      await leakyApp.close();
    }
  });
});

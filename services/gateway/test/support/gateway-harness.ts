import { afterAll, beforeAll } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Pool } from 'pg';
import {
  createLogger,
  createPgPool,
  createSecretCipher,
  createServiceApp,
  generateCipherKey,
  loadConfig,
  parseCipherKeys,
} from '@pyairtable/kit';
import type { ServiceApp, SharedStore } from '@pyairtable/kit';
import { createTestDatabase, createTestStore, startTestPostgres } from '@pyairtable/kit/testing';
import type { TestDatabase, TestPostgres } from '@pyairtable/kit/testing';
import { createRegistry } from '@pyairtable/registry';
import type { Registry } from '@pyairtable/registry';
import { gatewayApp } from '../../src/app.ts';
import { gatewayConfigSchema } from '../../src/config.ts';
import { migrateGateway } from '../../src/migrate-gateway.ts';

/** The gateway app on a fresh migrated database, with direct registry access for set-up. */
export interface GatewayHarness {
  readonly app: ServiceApp;
  readonly pool: Pool;
  readonly store: SharedStore;
  /** The registry on the same database and store, for arranging and checking state. */
  readonly registry: Registry;
  /** `app.inject` with JSON in and out; `token` becomes a bearer Authorization header. */
  request(options: GatewayRequest): Promise<LightMyRequestResponse>;
}

/** One injected request. */
export interface GatewayRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly body?: unknown;
  readonly token?: string;
  readonly headers?: Record<string, string>;
  /** The client address the request comes from (rate limits key on it). */
  readonly remoteAddress?: string;
}

/**
 * Starts Postgres (or uses DATABASE_URL), migrates a fresh database, and builds the gateway
 * app with `environment` on top of test defaults. Everything is closed after the file.
 */
export function useGateway(environment: Record<string, string> = {}): GatewayHarness {
  let postgres: TestPostgres | undefined;
  let database: TestDatabase | undefined;
  let pool: Pool | undefined;
  let app: ServiceApp | undefined;
  const store = createTestStore('gateway');
  const encryptionKeys = generateCipherKey('test');
  beforeAll(async () => {
    postgres = await startTestPostgres();
    database = await createTestDatabase(postgres.adminUrl);
    await migrateGateway(database.url);
    pool = createPgPool({ connectionString: database.url, max: 4 });
    const config = loadConfig(gatewayConfigSchema, {
      DATABASE_URL: database.url,
      SECRET_ENCRYPTION_KEYS: encryptionKeys,
      LOG_LEVEL: 'silent',
      ...environment,
    });
    app = createServiceApp({ logger: createLogger({ service: 'gateway', level: 'silent' }) });
    await app.register(gatewayApp, { config, store });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await pool?.end();
    await store.close();
    await database?.drop();
    await postgres?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the gateway is used before beforeAll ran');
    return value;
  };
  return {
    get app() {
      return started(app);
    },
    get pool() {
      return started(pool);
    },
    store,
    get registry() {
      return createRegistry({
        pool: started(pool),
        cipher: createSecretCipher(parseCipherKeys(encryptionKeys)),
        store,
      });
    },
    request({ method, url, body, token, headers = {}, remoteAddress }) {
      return started(app).inject({
        method,
        url,
        headers: {
          ...headers,
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
        ...(body === undefined ? {} : { payload: body as object }),
        ...(remoteAddress === undefined ? {} : { remoteAddress }),
      });
    },
  };
}

import { afterAll, beforeAll } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Pool } from 'pg';
import {
  createLogger,
  createPgPool,
  createServiceApp,
  generateCipherKey,
  loadConfig,
} from '@pyairtable/kit';
import type { ServiceApp, SharedStore } from '@pyairtable/kit';
import { createTestDatabase, createTestStore, startTestPostgres } from '@pyairtable/kit/testing';
import type { TestDatabase, TestPostgres } from '@pyairtable/kit/testing';
import type { PlatformRole, Registry, User } from '@pyairtable/registry';
import { gatewayApp } from '../../src/app.ts';
import type { AuditLog } from '../../src/audit/audit-log.ts';
import { gatewayConfigSchema } from '../../src/config.ts';
import { createGatewayContext } from '../../src/gateway-context-factory.ts';
import type { GatewayContext } from '../../src/gateway-context.ts';
import { migrateGateway } from '../../src/migrate-gateway.ts';

/**
 * The gateway app, built by `gatewayApp` as production builds it, on a fresh migrated database,
 * with a context of the tests' own for arranging and checking state.
 */
export interface GatewayHarness {
  readonly app: ServiceApp;
  readonly pool: Pool;
  readonly store: SharedStore;
  /**
   * A context built by `createGatewayContext` on the app's database, store and configuration:
   * the app keeps its own to itself, and this one sees and signs what the app's does.
   */
  readonly context: GatewayContext;
  /** The context's registry. */
  readonly registry: Registry;
  /** The context's audit log. */
  readonly audit: AuditLog;
  /** `app.inject` with JSON in and out; `token` becomes a bearer Authorization header. */
  request(options: GatewayRequest): Promise<LightMyRequestResponse>;
  /** Creates a user (no password) and signs an access token for them, as a sign-in would. */
  signUp(email: string, platformRole?: PlatformRole): Promise<{ user: User; token: string }>;
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
  let context: GatewayContext | undefined;
  const store = createTestStore('gateway');
  beforeAll(async () => {
    postgres = await startTestPostgres();
    database = await createTestDatabase(postgres.adminUrl);
    await migrateGateway(database.url);
    pool = createPgPool({ connectionString: database.url, max: 4 });
    const config = loadConfig(gatewayConfigSchema, {
      DATABASE_URL: database.url,
      SECRET_ENCRYPTION_KEYS: generateCipherKey('test'),
      LOG_LEVEL: 'silent',
      ...environment,
    });
    app = createServiceApp({ logger: createLogger({ service: 'gateway', level: 'silent' }) });
    await app.register(gatewayApp, { config, store });
    await app.ready();
    // After the app: its boot made the signing key this context finds and signs with.
    context = await createGatewayContext(config, pool, store, app.log);
  });
  afterAll(async () => {
    await app?.close();
    await context?.access.close();
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
    get context() {
      return started(context);
    },
    get registry() {
      return started(context).registry;
    },
    get audit() {
      return started(context).audit;
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
    async signUp(email, platformRole = 'user') {
      const { registry, accessTokens } = started(context);
      const user = await registry.users.create({ email, displayName: email, platformRole });
      const { token } = await accessTokens.issue({ userId: user.id, email, platformRole });
      return { user, token };
    },
  };
}

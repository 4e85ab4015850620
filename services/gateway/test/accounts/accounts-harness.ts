import { afterAll, beforeAll, expect } from 'vitest';
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
import { accountRoutes } from '../../src/accounts/account-routes.ts';
import type { TokenPair } from '../../src/accounts/account-schemas.ts';
import { authenticatePlugin } from '../../src/auth/authenticate.ts';
import { gatewayConfigSchema } from '../../src/config.ts';
import type { GatewayConfig } from '../../src/config.ts';
import { createGatewayContext } from '../../src/gateway-context-factory.ts';
import type { GatewayContext } from '../../src/gateway-context.ts';
import { migrateGateway } from '../../src/migrate-gateway.ts';
import { jwksPlugin } from '../../src/tokens/index.ts';
import type { GatewayRequest } from '../support/gateway-harness.ts';

/**
 * The gateway's identity part (JWKS, authenticate, account routes) on a fresh migrated
 * database, built as app.ts builds it but with the context in hand. Once app.ts registers
 * `accountRoutes`, `useGateway` serves the same routes.
 */
export interface AccountsHarness {
  readonly app: ServiceApp;
  readonly pool: Pool;
  readonly store: SharedStore;
  readonly config: GatewayConfig;
  /** The context the routes were given: its registry and audit log for arranging and checking. */
  readonly context: GatewayContext;
  /** `app.inject` with JSON in and out; `token` becomes a bearer Authorization header. */
  request(options: GatewayRequest): Promise<LightMyRequestResponse>;
}

/** Builds the harness before the file's tests with `environment` on test defaults. */
export function useAccountsGateway(environment: Record<string, string> = {}): AccountsHarness {
  let postgres: TestPostgres | undefined;
  let database: TestDatabase | undefined;
  let pool: Pool | undefined;
  let app: ServiceApp | undefined;
  let config: GatewayConfig | undefined;
  let context: GatewayContext | undefined;
  const store = createTestStore('gateway-accounts');
  beforeAll(async () => {
    postgres = await startTestPostgres();
    database = await createTestDatabase(postgres.adminUrl);
    await migrateGateway(database.url);
    pool = createPgPool({ connectionString: database.url, max: 4 });
    config = loadConfig(gatewayConfigSchema, {
      DATABASE_URL: database.url,
      SECRET_ENCRYPTION_KEYS: generateCipherKey('test'),
      LOG_LEVEL: 'silent',
      ...environment,
    });
    app = createServiceApp({ logger: createLogger({ service: 'gateway', level: 'silent' }) });
    context = await createGatewayContext(config, pool, store, app.log);
    await app.register(jwksPlugin, { keys: context.keys });
    await app.register(authenticatePlugin, context);
    await app.register(accountRoutes, context);
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
    if (value === undefined) throw new Error('the harness is used before beforeAll ran');
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
    get config() {
      return started(config);
    },
    get context() {
      return started(context);
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

/** A password that passes the registration rules. */
export const PASSWORD = 'correct horse battery staple';

let addresses = 0;

/** A client address no other request of the run used, so per-IP limits start full. */
export function freshAddress(): string {
  addresses += 1;
  return `10.${String((addresses >> 16) & 255)}.${String((addresses >> 8) & 255)}.${String(addresses & 255)}`;
}

/** Registers an account (201 expected) and resolves with its id. */
export async function registerAccount(
  gateway: AccountsHarness,
  body: { readonly email: string; readonly username?: string; readonly password?: string },
): Promise<string> {
  const response = await gateway.request({
    method: 'POST',
    url: '/api/auth/register',
    body: { password: PASSWORD, ...body },
    remoteAddress: freshAddress(),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ user: { id: string } }>().user.id;
}

/** `POST /api/auth/login` from a fresh address unless one is given. */
export function login(
  gateway: AccountsHarness,
  loginName: string,
  password: string,
  remoteAddress = freshAddress(),
): Promise<LightMyRequestResponse> {
  return gateway.request({
    method: 'POST',
    url: '/api/auth/login',
    body: { login: loginName, password },
    remoteAddress,
  });
}

/** Signs in (200 expected) and resolves with the token pair. */
export async function signIn(
  gateway: AccountsHarness,
  loginName: string,
  password = PASSWORD,
): Promise<TokenPair> {
  const response = await login(gateway, loginName, password);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<TokenPair>();
}

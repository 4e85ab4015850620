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
import type { ServiceApp } from '@pyairtable/kit';
import { createTestDatabase, createTestStore, startTestPostgres } from '@pyairtable/kit/testing';
import type { TestDatabase, TestPostgres } from '@pyairtable/kit/testing';
import type {
  ManagedBy,
  MemberInput,
  PlatformRole,
  Registry,
  Tenant,
  User,
  Workspace,
} from '@pyairtable/registry';
import type { AuditLog } from '../../src/audit/audit-log.ts';
import { authenticatePlugin } from '../../src/auth/authenticate.ts';
import { gatewayConfigSchema } from '../../src/config.ts';
import type { GatewayContext } from '../../src/gateway-context.ts';
import { createGatewayContext } from '../../src/gateway-context-factory.ts';
import { migrateGateway } from '../../src/migrate-gateway.ts';
import { adminRoutes, workspaceRoutes } from '../../src/tenancy/index.ts';

/** The tenancy routes on a fresh database, with the context they run on for set-up. */
export interface TenancyHarness {
  readonly pool: Pool;
  readonly registry: Registry;
  readonly audit: AuditLog;
  /** `app.inject` with JSON in; `token` becomes a bearer Authorization header. */
  request(options: {
    readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    readonly url: string;
    readonly body?: unknown;
    readonly token?: string | undefined;
  }): Promise<LightMyRequestResponse>;
  /** Creates a user and signs an access token for them. */
  signUp(email: string, platformRole?: PlatformRole): Promise<{ user: User; token: string }>;
}

/**
 * The gateway's authentication and the two tenancy plugins, registered the way app.ts does,
 * on a migrated database of their own; closed after the file.
 */
export function useTenancy(): TenancyHarness {
  let postgres: TestPostgres | undefined;
  let database: TestDatabase | undefined;
  let pool: Pool | undefined;
  let app: ServiceApp | undefined;
  let context: GatewayContext | undefined;
  const store = createTestStore('tenancy');
  beforeAll(async () => {
    postgres = await startTestPostgres();
    database = await createTestDatabase(postgres.adminUrl);
    await migrateGateway(database.url);
    pool = createPgPool({ connectionString: database.url, max: 4 });
    const config = loadConfig(gatewayConfigSchema, {
      DATABASE_URL: database.url,
      SECRET_ENCRYPTION_KEYS: generateCipherKey('test'),
      LOG_LEVEL: 'silent',
    });
    app = createServiceApp({ logger: createLogger({ service: 'gateway', level: 'silent' }) });
    context = await createGatewayContext(config, pool, store, app.log);
    await app.register(authenticatePlugin, context);
    await app.register(workspaceRoutes, context);
    await app.register(adminRoutes, context);
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
    get pool() {
      return started(pool);
    },
    get registry() {
      return started(context).registry;
    },
    get audit() {
      return started(context).audit;
    },
    request({ method, url, body, token }) {
      return started(app).inject({
        method,
        url,
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
        ...(body === undefined ? {} : { payload: body as object }),
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

/** A base id of the right shape, distinct per `letter`. */
export function baseId(letter: string): string {
  return `app${letter.repeat(14)}`;
}

/** A tenant called `name` with one workspace of these members, written to the registry. */
export async function arrangeWorkspace(
  registry: Registry,
  name: string,
  members: readonly MemberInput[],
  managedBy: ManagedBy = 'api',
): Promise<{ tenant: Tenant; workspace: Workspace }> {
  const tenant = await registry.tenants.create({ name, displayName: `Tenant ${name}`, managedBy });
  const workspace = await registry.workspaces.create({
    tenantId: tenant.id,
    name: 'main',
    displayName: `${name} main`,
    allowedBaseIds: [baseId('A')],
    managedBy,
  });
  await registry.members.replaceAll(workspace.id, members);
  return { tenant, workspace };
}

import { afterAll, beforeAll } from 'vitest';
import {
  buildEmulator,
  DEMO_ACCESS_TOKEN,
  DEMO_PROJECTS_BASE_ID,
  DEMO_SALES_BASE_ID,
} from '@pyairtable/airtable-emulator';
import { chatApp, chatConfigSchema } from '@pyairtable/chat';
import { gatewayApp, gatewayConfigSchema } from '@pyairtable/gateway';
import {
  createLogger,
  createPgPool,
  createSecretCipher,
  createServiceApp,
  findFreePort,
  generateCipherKey,
  loadConfig,
  parseCipherKeys,
} from '@pyairtable/kit';
import type { ServiceApp } from '@pyairtable/kit';
import { createTestStore } from '@pyairtable/kit/testing';
import { mcpApp, mcpConfigSchema } from '@pyairtable/mcp';
import { createRegistry, DEFAULT_TENANT_QUOTAS } from '@pyairtable/registry';
import type { Registry } from '@pyairtable/registry';
import { startGeminiDouble } from '../../services/chat/test/support/gemini-double.ts';
import type { GeminiDouble } from '../../services/chat/test/support/gemini-double.ts';
import { startPlatformDatabase } from './platform-database.ts';

/** A user of one tenant, signed in through the gateway. */
export interface PlatformUser {
  readonly email: string;
  readonly password: string;
  readonly userId: string;
  readonly workspaceId: string;
  readonly apiKey: string;
  /** A fresh access token from the gateway's login. */
  accessToken(): Promise<string>;
}

/** The whole platform on loopback: gateway in front of chat and mcp, the emulator, Postgres. */
export interface FullPlatform {
  readonly gatewayUrl: string;
  readonly chatUrl: string;
  readonly mcpUrl: string;
  readonly gemini: GeminiDouble;
  readonly registry: Registry;
  /** Tenant A's owner; their workspace allows Sales CRM. */
  readonly alice: PlatformUser;
  /** Tenant B's owner; their workspace allows Project tracker. */
  readonly bob: PlatformUser;
}

/**
 * Every service in this process, each on its own loopback port, wired as in production: chat
 * and mcp trust the gateway's JWKS, the gateway routes to them, users sign in through the
 * gateway. Two tenants, so isolation can be tested through every route.
 */
export function useFullPlatform(): { readonly platform: FullPlatform } {
  const store = createTestStore('full-platform');
  const apps: ServiceApp[] = [];
  const closers: (() => Promise<void>)[] = [];
  let platform: FullPlatform | undefined;

  beforeAll(async () => {
    const database = await startPlatformDatabase();
    closers.push(database.close);
    const encryptionKeys = generateCipherKey('platform');
    const emulator = await buildEmulator({ rateLimits: false });
    const emulatorUrl = await emulator.listen({ host: '127.0.0.1', port: 0 });
    closers.push(() => emulator.close());
    const gemini = await startGeminiDouble({ apiKey: 'test-gemini-key' });
    closers.push(() => gemini.close());
    const gatewayPort = await findFreePort();
    const gatewayUrl = `http://127.0.0.1:${String(gatewayPort)}`;
    const shared = {
      DATABASE_URL: database.url,
      SECRET_ENCRYPTION_KEYS: encryptionKeys,
      GATEWAY_JWKS_URL: `${gatewayUrl}/.well-known/jwks.json`,
    };
    const logger = createLogger({ service: 'platform', level: 'silent' });
    const start = async (
      register: (app: ServiceApp) => PromiseLike<unknown>,
      port = 0,
    ): Promise<string> => {
      const app = createServiceApp({ logger });
      apps.push(app);
      await register(app);
      return (await app.listen({ host: '127.0.0.1', port })).replace(/\/$/, '');
    };
    const mcpUrl = await start((app) =>
      app.register(mcpApp, {
        config: loadConfig(mcpConfigSchema, { ...shared, AIRTABLE_ENDPOINT_URL: emulatorUrl }),
        store,
        airtableDefaults: { limits: { perBasePerSecond: 1_000, perTokenPerSecond: 1_000 } },
      }),
    );
    const chatUrl = await start((app) =>
      app.register(chatApp, {
        config: loadConfig(chatConfigSchema, {
          ...shared,
          MCP_URL: mcpUrl,
          GEMINI_API_KEY: 'test-gemini-key',
          GEMINI_BASE_URL: gemini.baseUrl,
        }),
        store,
      }),
    );
    await start(
      (app) =>
        app.register(gatewayApp, {
          config: loadConfig(gatewayConfigSchema, {
            ...shared,
            CHAT_URL: chatUrl,
            MCP_URL: mcpUrl,
          }),
          store,
        }),
      gatewayPort,
    );

    const pool = createPgPool({ connectionString: database.url, max: 2 });
    closers.push(() => pool.end());
    const registry = createRegistry({
      pool,
      cipher: createSecretCipher(parseCipherKeys(encryptionKeys)),
      store,
    });
    const alice = await tenantWithOwner(registry, gatewayUrl, 'alice', DEMO_SALES_BASE_ID);
    const bob = await tenantWithOwner(registry, gatewayUrl, 'bob', DEMO_PROJECTS_BASE_ID);
    platform = { gatewayUrl, chatUrl, mcpUrl, gemini, registry, alice, bob };
  });

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    for (const close of closers.reverse()) await close();
    await store.close();
  });

  return {
    get platform() {
      if (platform === undefined) throw new Error('the platform is used before beforeAll ran');
      return platform;
    },
  };
}

/**
 * A tenant with the emulator's token, one workspace allowing `baseId`, and its owner signed up
 * through the gateway at `gatewayUrl` (plus an editor API key of the workspace).
 */
export async function tenantWithOwner(
  registry: Registry,
  gatewayUrl: string,
  name: string,
  baseId: string,
): Promise<PlatformUser> {
  const tenant = await registry.tenants.create({
    name,
    displayName: name,
    quotas: {
      ...DEFAULT_TENANT_QUOTAS,
      airtableRequestsPerSecond: 50,
      chatRequestsPerMinute: 1_000,
    },
  });
  await registry.credentials.setToken(tenant.id, DEMO_ACCESS_TOKEN);
  const workspace = await registry.workspaces.create({
    tenantId: tenant.id,
    name: 'main',
    displayName: `${name}'s workspace`,
    allowedBaseIds: [baseId],
  });
  const email = `${name}@platform.example`;
  const password = `${name}-correct-horse-battery`;
  const registered = await fetch(`${gatewayUrl}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, displayName: name }),
  });
  if (registered.status !== 201) throw new Error(`register ${name}: ${await registered.text()}`);
  const { user } = (await registered.json()) as { user: { id: string } };
  await registry.members.upsert(workspace.id, { email, role: 'owner' });
  const { secret } = await registry.apiKeys.create({
    workspaceId: workspace.id,
    name: 'platform',
    role: 'editor',
  });
  return {
    email,
    password,
    userId: user.id,
    workspaceId: workspace.id,
    apiKey: secret,
    async accessToken() {
      const login = await fetch(`${gatewayUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: email, password }),
      });
      if (login.status !== 200) throw new Error(`login ${name}: ${await login.text()}`);
      return ((await login.json()) as { accessToken: string }).accessToken;
    },
  };
}

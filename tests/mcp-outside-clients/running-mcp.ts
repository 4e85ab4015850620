import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import type { Pool } from 'pg';
import {
  buildEmulator,
  DEMO_ACCESS_TOKEN,
  DEMO_PROJECTS_BASE_ID,
  DEMO_SALES_BASE_ID,
} from '@pyairtable/airtable-emulator';
import {
  createPgPool,
  createSecretCipher,
  findFreePort,
  generateCipherKey,
  parseCipherKeys,
} from '@pyairtable/kit';
import { createTestDatabase, startTestPostgres, uniqueKeyPrefix } from '@pyairtable/kit/testing';
import type { TestDatabase, TestPostgres } from '@pyairtable/kit/testing';
import { startServiceProcess, waitUntilReady } from '@pyairtable/local-stack';
import type { ServiceProcess } from '@pyairtable/local-stack';
import { createRegistry, DEFAULT_TENANT_QUOTAS, migrateRegistry } from '@pyairtable/registry';
import { startRecordingProxy } from './recording-proxy.ts';
import type { RecordingProxy } from './recording-proxy.ts';

export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
export { DEMO_PROJECTS_BASE_ID, DEMO_SALES_BASE_ID };

/** mcp running as its own process, exactly as deployed, with what a test needs to reach it. */
export interface RunningMcpProcess {
  readonly url: string;
  /** An editor API key of a workspace that allows the Sales CRM base only. */
  readonly apiKey: string;
  /** Requests mcp made to the Airtable emulator. */
  readonly airtable: RecordingProxy;
}

/**
 * Postgres with a seeded registry, the emulator behind a recording proxy, and mcp started with
 * `node --import @pyairtable/kit/tracing/register services/mcp/src/server.ts`.
 */
export function useMcpProcess(): { readonly running: RunningMcpProcess } {
  let postgres: TestPostgres | undefined;
  let database: TestDatabase | undefined;
  let pool: Pool | undefined;
  let emulatorClose: (() => Promise<void>) | undefined;
  let proxy: RecordingProxy | undefined;
  let service: ServiceProcess | undefined;
  let logDir: string | undefined;
  let running: RunningMcpProcess | undefined;

  beforeAll(async () => {
    postgres = await startTestPostgres();
    database = await createTestDatabase(postgres.adminUrl);
    await migrateRegistry(database.url);
    pool = createPgPool({ connectionString: database.url, max: 2 });
    const encryptionKeys = generateCipherKey('outside');
    const registry = createRegistry({
      pool,
      cipher: createSecretCipher(parseCipherKeys(encryptionKeys)),
    });
    const tenant = await registry.tenants.create({
      name: 'outside-clients',
      displayName: 'Outside clients',
      quotas: { ...DEFAULT_TENANT_QUOTAS, airtableRequestsPerSecond: 50 },
    });
    await registry.credentials.setToken(tenant.id, DEMO_ACCESS_TOKEN);
    const workspace = await registry.workspaces.create({
      tenantId: tenant.id,
      name: 'sales',
      displayName: 'Sales',
      allowedBaseIds: [DEMO_SALES_BASE_ID],
    });
    const { secret } = await registry.apiKeys.create({
      workspaceId: workspace.id,
      name: 'inspector',
      role: 'editor',
    });

    const emulator = await buildEmulator({ rateLimits: false });
    const emulatorUrl = await emulator.listen({ host: '127.0.0.1', port: 0 });
    emulatorClose = () => emulator.close();
    proxy = await startRecordingProxy(emulatorUrl);

    logDir = await mkdtemp(path.join(tmpdir(), 'mcp-process-'));
    service = startServiceProcess(
      { name: 'mcp', entry: 'services/mcp/src/server.ts', port: await findFreePort() },
      {
        root: repositoryRoot,
        host: '127.0.0.1',
        logFile: path.join(logDir, 'mcp.log'),
        environment: {
          DATABASE_URL: database.url,
          SECRET_ENCRYPTION_KEYS: encryptionKeys,
          AIRTABLE_ENDPOINT_URL: proxy.url,
          // A key space of its own in CI's shared Redis.
          REDIS_KEY_PREFIX: uniqueKeyPrefix('mcp-process'),
          LOG_LEVEL: 'warn',
        },
      },
    );
    await waitUntilReady(service, 60_000);
    running = { url: service.url, apiKey: secret, airtable: proxy };
  });

  afterAll(async () => {
    await service?.stop(10_000);
    await proxy?.close();
    await emulatorClose?.();
    await pool?.end();
    await database?.drop();
    await postgres?.stop();
    if (logDir !== undefined) await rm(logDir, { recursive: true, force: true });
  });

  return {
    get running() {
      if (running === undefined) throw new Error('mcp is used before beforeAll ran');
      return running;
    },
  };
}

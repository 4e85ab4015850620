import { randomBytes } from 'node:crypto';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import {
  buildEmulator,
  DEMO_ACCESS_TOKEN,
  DEMO_PROJECTS_BASE_ID,
  DEMO_SALES_BASE_ID,
  demoAccessToken,
  SCOPES,
} from '@pyairtable/airtable-emulator';
import type { AccessToken } from '@pyairtable/airtable-emulator';
import {
  createLogger,
  createPgPool,
  createSecretCipher,
  generateCipherKey,
  parseCipherKeys,
  runService,
} from '@pyairtable/kit';
import type { SharedStore } from '@pyairtable/kit';
import { createTestDatabase, createTestStore, startTestPostgres } from '@pyairtable/kit/testing';
import { buildOperator } from '@pyairtable/operator';
import type { Operator } from '@pyairtable/operator';
import { createRegistry, migrateRegistry } from '@pyairtable/registry';
import type { Registry } from '@pyairtable/registry';
import type { Pool } from 'pg';
import { inject } from 'vitest';
import { installCrds } from './crd-install.ts';
import { operatorTestConfig } from './operator-test-config.ts';
import { waitFor } from './wait-for.ts';

/** A second emulator token that can reach only the Sales CRM base. */
export const SALES_ONLY_TOKEN = `patSalesOnlyToken.${'1'.repeat(64)}`;
/** A third emulator token, for rotations. */
export const ROTATED_TOKEN = `patRotatedTokenXx.${'2'.repeat(64)}`;
export const ROTATED_USER_ID = 'usrRotatedUser001';

/** Everything an operator test needs around the operator: apiserver, Postgres, emulator. */
export interface OperatorHarness {
  readonly kubeConfig: KubeConfig;
  readonly kubeconfigPath: string;
  readonly core: CoreV1Api;
  readonly registry: Registry;
  readonly pool: Pool;
  readonly store: SharedStore;
  readonly emulatorUrl: string;
  readonly encryptionKeys: string;
  readonly databaseUrl: string;
  /** A namespace of its own for one test (namespaces never finish terminating here). */
  newNamespace(): Promise<string>;
  /** Starts an operator watching `namespace` only, with its own lease. */
  startOperator(
    namespace: string,
    env?: Readonly<Record<string, string>>,
  ): Promise<RunningOperator>;
  close(): Promise<void>;
}

/** An operator started in-process, listening on a free port. */
export interface RunningOperator {
  readonly operator: Operator;
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Opens the harness on the shared control plane (or the one `kubeconfigPath` names); CRDs are
 * applied (idempotently) and Established before it returns.
 */
export async function openOperatorHarness(
  options: { readonly kubeconfigPath?: string } = {},
): Promise<OperatorHarness> {
  const kubeconfigPath = options.kubeconfigPath ?? inject('envtestKubeconfig');
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath);
  await installCrds(kubeConfig);
  const core = kubeConfig.makeApiClient(CoreV1Api);

  const postgres = await startTestPostgres();
  const database = await createTestDatabase(postgres.adminUrl);
  await migrateRegistry(database.url);
  const pool = createPgPool({ connectionString: database.url, max: 4 });
  const store = createTestStore('operator');
  const encryptionKeys = generateCipherKey('operator');
  const registry = createRegistry({
    pool,
    cipher: createSecretCipher(parseCipherKeys(encryptionKeys)),
    store,
  });
  const emulator = await buildEmulator({ rateLimits: false, tokens: emulatorTokens() });
  const emulatorUrl = (await emulator.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '');
  const running: RunningOperator[] = [];

  return {
    kubeConfig,
    kubeconfigPath,
    core,
    registry,
    pool,
    store,
    emulatorUrl,
    encryptionKeys,
    databaseUrl: database.url,
    async newNamespace() {
      const name = `op-${randomBytes(4).toString('hex')}`;
      await core.createNamespace({ body: { metadata: { name } } });
      return name;
    },
    async startOperator(namespace, env = {}) {
      const config = operatorTestConfig({
        databaseUrl: database.url,
        encryptionKeys,
        emulatorUrl,
        namespace,
        env: { OPERATOR_MAX_BACKOFF_MS: '2000', ...env },
      });
      const logger = createLogger({ service: 'operator', level: config.LOG_LEVEL });
      const operator = buildOperator({ config, kubeConfig, logger, store });
      const service = await runService(operator.app, {
        host: '127.0.0.1',
        port: 0,
        shutdownTimeoutMs: 5_000,
        handleSignals: false,
      });
      const handle: RunningOperator = { operator, url: service.url, stop: () => service.stop() };
      running.push(handle);
      return handle;
    },
    async close() {
      await Promise.allSettled(running.map((handle) => handle.stop()));
      await emulator.close();
      await pool.end();
      await store.close();
      await database.drop();
      await postgres.stop();
    },
  };
}

function emulatorTokens(): AccessToken[] {
  const demo = demoAccessToken();
  return [
    demo,
    {
      token: SALES_ONLY_TOKEN,
      user: { id: 'usrSalesOnlyUser1', email: 'sales@example.com', name: 'Sales only' },
      scopes: [...SCOPES],
      bases: [DEMO_SALES_BASE_ID],
    },
    {
      token: ROTATED_TOKEN,
      user: { id: ROTATED_USER_ID, email: 'rotated@example.com', name: 'Rotated' },
      scopes: [...SCOPES],
      bases: '*',
    },
  ];
}

export { DEMO_ACCESS_TOKEN, DEMO_PROJECTS_BASE_ID, DEMO_SALES_BASE_ID, waitFor };

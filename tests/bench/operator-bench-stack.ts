/**
 * What the operator benchmark runs against: a control plane of its own (etcd and
 * kube-apiserver from tests/envtest) with the CRDs, Postgres (embedded, or DATABASE_URL) with
 * a migrated registry, the Airtable emulator accepting one token per tenant, and operators
 * started in this process on demand, one per measured run.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api, KubeConfig, V1Namespace, V1ObjectMeta } from '@kubernetes/client-node';
import { buildEmulator, SCOPES } from '@pyairtable/airtable-emulator';
import type { AccessToken } from '@pyairtable/airtable-emulator';
import { createLogger, generateCipherKey, runService } from '@pyairtable/kit';
import type { CreateLoggerOptions } from '@pyairtable/kit';
import { createTestDatabase, startTestPostgres } from '@pyairtable/kit/testing';
import { buildOperator } from '@pyairtable/operator';
import type { Operator, OperatorConfig } from '@pyairtable/operator';
import { migrateRegistry } from '@pyairtable/registry';
import { startControlPlane } from '../envtest/index.ts';
import { installCrds } from '../operator/support/crd-install.ts';
import { operatorTestConfig } from '../operator/support/operator-test-config.ts';
import { closeAll } from '../support/close-all.ts';

/** An operator started in-process for one run. */
export interface BenchOperator {
  readonly operator: Operator;
  readonly config: OperatorConfig;
  stop(): Promise<void>;
}

/** The services the operator benchmark shares between its runs. */
export interface OperatorBenchStack {
  readonly kubeConfig: KubeConfig;
  readonly core: CoreV1Api;
  readonly databaseUrl: string;
  /** The emulator's tokens, one per tenant: tenant `i` uses `tokens[i]`. */
  readonly tokens: readonly string[];
  /** A fresh namespace (namespaces never finish terminating on this control plane). */
  newNamespace(): Promise<string>;
  /**
   * An operator with production defaults, watching `namespace` only (earlier runs' tenants are
   * not listed again), leading on a Lease there; resolves once it leads with synced caches.
   */
  startOperator(
    namespace: string,
    options?: {
      readonly env?: Readonly<Record<string, string>>;
      readonly logDestination?: CreateLoggerOptions['destination'];
    },
  ): Promise<BenchOperator>;
  close(): Promise<void>;
}

/** Starts everything but the operator; whatever started is stopped again if a step fails. */
export async function startOperatorBenchStack(tenants: number): Promise<OperatorBenchStack> {
  const closers: (() => Promise<void>)[] = [];
  try {
    const controlPlane = await startControlPlane();
    closers.push(() => controlPlane.stop());
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(controlPlane.kubeconfigPath);
    await installCrds(kubeConfig);
    const core = kubeConfig.makeApiClient(CoreV1Api);

    const postgres = await startTestPostgres();
    closers.push(() => postgres.stop());
    const database = await createTestDatabase(postgres.adminUrl);
    closers.push(() => database.drop());
    await migrateRegistry(database.url);

    const accessTokens = benchTokens(tenants);
    // Airtable's limits stay on: each tenant's token makes one whoami, far below 50/s a token.
    const emulator = await buildEmulator({ tokens: accessTokens });
    closers.push(() => emulator.close());
    const emulatorUrl = (await emulator.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '');
    const encryptionKeys = generateCipherKey('bench');

    return {
      kubeConfig,
      core,
      databaseUrl: database.url,
      tokens: accessTokens.map((token) => token.token),
      async newNamespace() {
        const name = `bench-${randomBytes(4).toString('hex')}`;
        const body = new V1Namespace();
        body.metadata = new V1ObjectMeta();
        body.metadata.name = name;
        await core.createNamespace({ body });
        return name;
      },
      async startOperator(namespace, options = {}) {
        const config = operatorTestConfig({
          databaseUrl: database.url,
          encryptionKeys,
          emulatorUrl,
          namespace,
          env: options.env ?? {},
        });
        const logger = createLogger({
          service: 'operator',
          level: config.LOG_LEVEL,
          ...(options.logDestination === undefined ? {} : { destination: options.logDestination }),
        });
        const operator = buildOperator({ config, kubeConfig, logger });
        const service = await runService(operator.app, {
          host: '127.0.0.1',
          port: 0,
          shutdownTimeoutMs: 10_000,
          handleSignals: false,
        });
        try {
          await leading(operator);
        } catch (error) {
          await service.stop();
          throw error;
        }
        return { operator, config, stop: () => service.stop() };
      },
      close: () => closeAll(closers),
    };
  } catch (error) {
    await closeAll(closers);
    throw error;
  }
}

/** One token per tenant, shaped like Airtable PATs, each its own user's. */
function benchTokens(count: number): AccessToken[] {
  return Array.from({ length: count }, (_unused, index) => {
    const serial = String(index).padStart(6, '0');
    return {
      token: `patBenchTen${serial}.${randomBytes(32).toString('hex')}`,
      user: {
        id: `usrBenchUsr${serial}`,
        email: `tenant-${serial}@bench.example`,
        name: `Bench tenant ${serial}`,
      },
      scopes: [...SCOPES],
      bases: '*',
    };
  });
}

// Controllers start once this replica holds the Lease and every cache has listed.
function leading(operator: Operator): Promise<void> {
  return until('the operator to lead with synced caches', 30_000, () =>
    Promise.resolve(operator.manager.isLeader && operator.manager.synced),
  );
}

async function until(what: string, timeoutMs: number, check: () => Promise<boolean>) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

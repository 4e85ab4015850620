import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Static } from 'typebox';
import { isPortFree, startEmbeddedPostgres } from '@pyairtable/kit';

import { availableServices, serviceCatalog } from './service-catalog.ts';
import type { stackConfigSchema } from './stack-config.ts';
import { removeStackFile, writeStackFile } from './stack-file.ts';
import { acquireStackLock } from './stack-lock.ts';
import { ensureEmulatorToken, listEmulatorBases } from './emulator-tokens.ts';
import { DEMO_ADMIN_EMAIL, ensureDemoPlatform } from './demo-platform.ts';
import { ensureStackSecrets, saveStackSecrets } from './stack-secrets.ts';
import { startServiceProcess, waitUntilReady } from './service-process.ts';
import type { ServiceProcess } from './service-process.ts';

/** A start-up problem the user can fix from the message alone (a busy port, a crash at boot). */
export class StackStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackStartError';
  }
}

/** Left column of the start-up summary, wide enough for every service name. */
const label = (name: string): string => name.padEnd(19);

/** Options of {@link startStack}. */
export interface StartStackOptions {
  readonly root: string;
  readonly config: Static<typeof stackConfigSchema>;
  readonly print: (line: string) => void;
}

/** The running platform. */
export interface RunningStack {
  readonly services: readonly ServiceProcess[];
  readonly databaseUrl: string;
  readonly stackFile: string;
  /** Resolves with a reason if a service exits while the stack is up. */
  readonly failed: Promise<string>;
  /** Stops services (draining), then Postgres, then releases the data directory. */
  stop(): Promise<void>;
}

interface Database {
  readonly url: string;
  readonly embedded: boolean;
  stop(): Promise<void>;
}

async function openDatabase(
  config: Static<typeof stackConfigSchema>,
  dataDir: string,
): Promise<Database> {
  if (config.DATABASE_URL !== undefined) {
    return { url: config.DATABASE_URL, embedded: false, stop: () => Promise.resolve() };
  }
  const port = config.EMBEDDED_POSTGRES_PORT;
  if (!(await isPortFree(config.STACK_HOST, port))) {
    throw new StackStartError(
      `port ${port} for the embedded Postgres is in use. Set EMBEDDED_POSTGRES_PORT to a free ` +
        'port, or DATABASE_URL to use a Postgres you run yourself.',
    );
  }
  const postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port });
  return { url: postgres.connectionString, embedded: true, stop: () => postgres.stop() };
}

/**
 * Brings the platform up in dependency order and waits until every service is ready.
 * Whatever was started is stopped again if a later step fails.
 */
export async function startStack(options: StartStackOptions): Promise<RunningStack> {
  const { config, root, print } = options;
  const dataDir = path.resolve(root, config.STACK_DATA_DIR);
  const logDir = path.join(dataDir, 'logs');
  const releaseLock = acquireStackLock(dataDir);
  mkdirSync(logDir, { recursive: true });

  const services: ServiceProcess[] = [];
  let database: Database | undefined;
  let stopping = false;
  const stop = async (): Promise<void> => {
    stopping = true;
    for (const service of [...services].reverse()) await service.stop(config.STACK_STOP_TIMEOUT_MS);
    await database?.stop();
    removeStackFile(dataDir);
    releaseLock();
  };

  try {
    const emulatorToken = ensureEmulatorToken(dataDir);
    const secrets = ensureStackSecrets(dataDir);
    const entries = availableServices(
      serviceCatalog(
        config,
        {
          emulatorTokens: emulatorToken.file,
          emulatorData: path.join(dataDir, 'airtable-emulator.json'),
        },
        { email: DEMO_ADMIN_EMAIL, password: secrets.adminPassword },
      ),
      root,
    );
    for (const entry of entries) {
      if (!(await isPortFree(config.STACK_HOST, entry.port))) {
        const variable = `${entry.name.toUpperCase().replaceAll('-', '_')}_PORT`;
        throw new StackStartError(
          `port ${entry.port} for ${entry.name} is in use by another program. Stop it, or set ${variable}.`,
        );
      }
    }
    database = await openDatabase(config, dataDir);
    print(
      `${label('Postgres')}${database.embedded ? 'embedded, data in ' + path.join(dataDir, 'postgres') : 'from DATABASE_URL'}`,
    );
    print(
      `${label('Redis')}${config.REDIS_URL === undefined ? 'none: in-process caches and limits' : 'from REDIS_URL'}`,
    );

    const environment = {
      DATABASE_URL: database.url,
      REDIS_URL: config.REDIS_URL,
      LOG_LEVEL: config.LOG_LEVEL,
      SECRET_ENCRYPTION_KEYS: secrets.encryptionKeys,
      GATEWAY_JWKS_URL: `http://${config.STACK_HOST}:${String(config.GATEWAY_PORT)}/.well-known/jwks.json`,
    };
    for (const entry of entries) {
      const service = startServiceProcess(entry, {
        root,
        host: config.STACK_HOST,
        logFile: path.join(logDir, `${entry.name}.log`),
        environment,
      });
      services.push(service);
      await waitUntilReady(service, config.STACK_READY_TIMEOUT_MS).catch((error: unknown) => {
        throw new StackStartError(error instanceof Error ? error.message : String(error));
      });
      print(`${label(entry.name)}${service.url}  (logs: ${path.relative(root, service.logFile)})`);
    }

    const emulator = services.find((service) => service.entry.name === 'airtable-emulator');
    const airtable = emulator && {
      url: emulator.url,
      token: emulatorToken.token,
      bases: await listEmulatorBases(emulator.url, emulatorToken.token),
    };
    const gateway = services.find((service) => service.entry.name === 'gateway');
    const demo =
      gateway &&
      airtable &&
      (await ensureDemoPlatform({
        gatewayUrl: gateway.url,
        secrets,
        airtableToken: airtable.token,
        bases: airtable.bases,
        saveApiKey: (demoApiKey) => {
          saveStackSecrets(dataDir, { ...secrets, demoApiKey });
        },
      }).catch((error: unknown) => {
        throw new StackStartError(
          `the demo workspace could not be set up: ${error instanceof Error ? error.message : String(error)}`,
        );
      }));
    if (demo) print(`${label('demo')}sign in as ${demo.user.email} (password in stack.json)`);
    const stackFile = writeStackFile(dataDir, {
      startedAt: new Date().toISOString(),
      pid: process.pid,
      services: Object.fromEntries(
        services.map((service) => [service.entry.name, { url: service.url, pid: service.pid }]),
      ),
      postgres: { url: database.url, embedded: database.embedded },
      redis: config.REDIS_URL === undefined ? { inProcess: true } : { url: config.REDIS_URL },
      logs: logDir,
      ...(airtable ? { airtable } : {}),
      ...(demo ? { demo } : {}),
    });
    print(`\nPyAirtable is running. Details: ${path.relative(root, stackFile)}. Stop with Ctrl-C.`);

    // An exit during stop() is the plan, not a failure: such a race never settles.
    const failed = Promise.race(
      services.map((service) =>
        service.exited.then((reason) =>
          stopping
            ? new Promise<string>(() => undefined)
            : `${service.entry.name} exited (${reason}); see ${service.logFile}`,
        ),
      ),
    );
    return { services, databaseUrl: database.url, stackFile, failed, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

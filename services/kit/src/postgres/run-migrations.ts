import { resolve } from 'node:path';
import { runner } from 'node-pg-migrate';
import { Client } from 'pg';

/** Options of {@link runMigrations}. */
export interface RunMigrationsOptions {
  readonly databaseUrl: string;
  /**
   * Folder of migration files, relative to the working directory. Files run in name order;
   * `.sql` files hold an `-- Up Migration` section and optionally a `-- Down Migration` one.
   */
  readonly dir: string;
  /**
   * Table recording which migrations ran; default `pgmigrations`. Services sharing a database
   * need one table each, or each sees the other's migrations as missing files.
   */
  readonly migrationsTable?: string;
  /** `up` applies every pending migration (default); `down` reverts the last one applied. */
  readonly direction?: 'up' | 'down';
  /** Receives progress lines and, on failure, the SQL that failed; silent if absent. */
  readonly log?: (message: string) => void;
}

/** A migration {@link runMigrations} applied or reverted. */
export interface AppliedMigration {
  /** File name without extension, as recorded in the migrations table. */
  readonly name: string;
  readonly path: string;
}

/**
 * Brings the database schema up to date with node-pg-migrate, all pending migrations in one
 * transaction. Safe to call from every replica at boot: runs hold a Postgres advisory lock, and
 * a run that finds it taken waits for the other to finish and then finds nothing left to do
 * (node-pg-migrate's default is to fail instead). Resolves with what it applied, in order.
 */
export async function runMigrations(options: RunMigrationsOptions): Promise<AppliedMigration[]> {
  const log = options.log ?? (() => undefined);
  // Our own client rather than a URL: node-pg-migrate's client has no error listener, so a
  // connection lost between two statements would crash the process instead of failing the run.
  const client = new Client({
    connectionString: options.databaseUrl,
    connectionTimeoutMillis: 10_000,
    application_name: 'migrations',
  });
  let connectionError: Error | undefined;
  client.on('error', (error) => {
    connectionError = error;
  });
  await client.connect();
  try {
    const applied = await runner({
      dbClient: client,
      dir: resolve(options.dir),
      migrationsTable: options.migrationsTable ?? 'pgmigrations',
      direction: options.direction ?? 'up',
      advisoryLockMode: 'wait',
      singleTransaction: true,
      checkOrder: true,
      logger: { info: log, warn: log, error: log },
    });
    return applied.map(({ name, path }) => ({ name, path }));
  } catch (error) {
    // After a lost connection pg only says "not queryable"; the original error says why.
    throw connectionError ?? error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

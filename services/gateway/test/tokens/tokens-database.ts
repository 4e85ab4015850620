import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Pool } from 'pg';
import { createPgPool, runMigrations } from '@pyairtable/kit';
import { createTestDatabase, startTestPostgres } from '@pyairtable/kit/testing';
import type { TestPostgres } from '@pyairtable/kit/testing';
import { createFakeClock } from './fake-clock.ts';
import type { FakeClock } from './fake-clock.ts';

/** The gateway's migrations folder. */
export const migrationsDir = fileURLToPath(new URL('../../migrations', import.meta.url));

/** The table the gateway records its migrations in, apart from other services'. */
export const migrationsTable = 'gateway_migrations';

/** A fresh database with the gateway's migrations applied and a pool on it. */
export interface MigratedDatabase {
  readonly url: string;
  readonly pool: Pool;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** Creates a database next to `adminUrl`'s, migrates it and opens a pool on it. */
export async function createMigratedDatabase(adminUrl: string): Promise<MigratedDatabase> {
  const database = await createTestDatabase(adminUrl);
  await runMigrations({ databaseUrl: database.url, dir: migrationsDir, migrationsTable });
  const pool = createPgPool({ connectionString: database.url, max: 20 });
  return {
    url: database.url,
    pool,
    async drop() {
      await pool.end();
      await database.drop();
    },
  };
}

/** What each test of a file using {@link useFreshDatabasePerTest} starts from. */
export interface FreshDatabase {
  /** A pool on this test's own migrated database. */
  readonly pool: Pool;
  /** This test's clock, starting at the real time. */
  readonly clock: FakeClock;
}

/**
 * Starts Postgres for the file and gives each test a freshly migrated database and a new fake
 * clock, dropped after it. Call it before the file's own `beforeEach`, which then sees them.
 */
export function useFreshDatabasePerTest(): FreshDatabase {
  let postgres: TestPostgres | undefined;
  let database: MigratedDatabase | undefined;
  let clock: FakeClock | undefined;
  beforeAll(async () => {
    postgres = await startTestPostgres();
  });
  afterAll(async () => {
    await postgres?.stop();
  });
  beforeEach(async () => {
    if (postgres === undefined) throw new Error('Postgres did not start');
    database = await createMigratedDatabase(postgres.adminUrl);
    clock = createFakeClock();
  });
  afterEach(async () => {
    await database?.drop();
  });
  const current = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the database is used outside a test');
    return value;
  };
  return {
    get pool() {
      return current(database).pool;
    },
    get clock() {
      return current(clock);
    },
  };
}

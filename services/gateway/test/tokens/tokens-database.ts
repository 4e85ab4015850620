import { fileURLToPath } from 'node:url';
import type { Pool } from 'pg';
import { createPgPool, runMigrations } from '@pyairtable/kit';
import { createTestDatabase } from '@pyairtable/kit/testing';

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

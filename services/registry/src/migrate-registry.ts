import { fileURLToPath } from 'node:url';
import { runMigrations } from '@pyairtable/kit';
import type { AppliedMigration } from '@pyairtable/kit';

/** Where the registry's migrations live, wherever the package is installed. */
export const REGISTRY_MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** The table recording which registry migrations ran. */
export const REGISTRY_MIGRATIONS_TABLE = 'registry_migrations';

/**
 * Brings the registry's tables up to date. Every service that uses the registry calls it at
 * boot; concurrent runs wait on each other's lock, so the order services start in never matters.
 */
export function migrateRegistry(
  databaseUrl: string,
  log?: (message: string) => void,
): Promise<AppliedMigration[]> {
  return runMigrations({
    databaseUrl,
    dir: REGISTRY_MIGRATIONS_DIR,
    migrationsTable: REGISTRY_MIGRATIONS_TABLE,
    ...(log === undefined ? {} : { log }),
  });
}

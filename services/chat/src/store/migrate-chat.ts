import { fileURLToPath } from 'node:url';
import { runMigrations } from '@pyairtable/kit';
import type { AppliedMigration } from '@pyairtable/kit';

/** Where chat's migrations live, wherever the package is installed. */
export const CHAT_MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * The table recording which chat migrations ran: its own, so chat can share a database with
 * the registry without either seeing the other's migrations as missing files.
 */
export const CHAT_MIGRATIONS_TABLE = 'chat_migrations';

/**
 * Brings chat's tables up to date. Called at boot by every replica; concurrent runs wait on
 * each other's lock, so only one applies anything.
 */
export function migrateChat(
  databaseUrl: string,
  log?: (message: string) => void,
): Promise<AppliedMigration[]> {
  return runMigrations({
    databaseUrl,
    dir: CHAT_MIGRATIONS_DIR,
    migrationsTable: CHAT_MIGRATIONS_TABLE,
    ...(log === undefined ? {} : { log }),
  });
}

import { fileURLToPath } from 'node:url';
import { runMigrations } from '@pyairtable/kit';
import type { AppliedMigration } from '@pyairtable/kit';
import { migrateRegistry } from '@pyairtable/registry';

/** The gateway's own migrations (signing keys, refresh tokens, audit log). */
export const GATEWAY_MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));
export const GATEWAY_MIGRATIONS_TABLE = 'gateway_migrations';

/** Brings the registry's and the gateway's tables up to date; safe from every replica at once. */
export async function migrateGateway(
  databaseUrl: string,
  log?: (message: string) => void,
): Promise<AppliedMigration[]> {
  const registry = await migrateRegistry(databaseUrl, log);
  const gateway = await runMigrations({
    databaseUrl,
    dir: GATEWAY_MIGRATIONS_DIR,
    migrationsTable: GATEWAY_MIGRATIONS_TABLE,
    ...(log === undefined ? {} : { log }),
  });
  return [...registry, ...gateway];
}

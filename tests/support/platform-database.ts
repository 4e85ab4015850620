import { migrateChat } from '@pyairtable/chat';
import { migrateGateway } from '@pyairtable/gateway';
import { createTestDatabase, startTestPostgres } from '@pyairtable/kit/testing';

/** A database of its own on the test Postgres, with the gateway's and chat's schemas in place. */
export interface PlatformDatabase {
  readonly url: string;
  /** Drops the database and stops Postgres. */
  readonly close: () => Promise<void>;
}

/**
 * Starts (or reaches) the test Postgres and makes a fresh database migrated for the gateway and
 * chat — once here, so services started on it do not race to migrate at start-up.
 */
export async function startPlatformDatabase(): Promise<PlatformDatabase> {
  const postgres = await startTestPostgres();
  const database = await createTestDatabase(postgres.adminUrl);
  const close = async (): Promise<void> => {
    await database.drop();
    await postgres.stop();
  };
  try {
    await migrateGateway(database.url);
    await migrateChat(database.url);
  } catch (error) {
    await close();
    throw error;
  }
  return { url: database.url, close };
}

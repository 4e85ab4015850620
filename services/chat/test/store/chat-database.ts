import { afterAll, beforeAll } from 'vitest';
import type { Pool } from 'pg';
import { createPgPool } from '@pyairtable/kit';
import { createTestDatabase, startTestPostgres } from '@pyairtable/kit/testing';
import type { TestDatabase, TestPostgres } from '@pyairtable/kit/testing';
import { createChatStore } from '../../src/store/create-chat-store.ts';
import type { ChatStore } from '../../src/store/create-chat-store.ts';
import { migrateChat } from '../../src/store/migrate-chat.ts';

/** A migrated chat database a test file shares. */
export interface ChatDatabaseFixture {
  readonly url: string;
  readonly pool: Pool;
  readonly store: ChatStore;
}

/** Starts Postgres (or uses DATABASE_URL), makes a fresh database, migrates it, cleans up. */
export function useChatDatabase(options: { readonly migrate?: boolean } = {}): ChatDatabaseFixture {
  let postgres: TestPostgres | undefined;
  let database: TestDatabase | undefined;
  let pool: Pool | undefined;
  let store: ChatStore | undefined;
  beforeAll(async () => {
    postgres = await startTestPostgres();
    database = await createTestDatabase(postgres.adminUrl);
    if (options.migrate !== false) await migrateChat(database.url);
    pool = createPgPool({ connectionString: database.url, max: 4 });
    store = createChatStore(pool);
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
    await postgres?.stop();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the chat database is used before beforeAll ran');
    return value;
  };
  return {
    get url() {
      return ready(database).url;
    },
    get pool() {
      return ready(pool);
    },
    get store() {
      return ready(store);
    },
  };
}

let counter = 0;

/** An id no other test in the file uses, for tenants, workspaces and users. */
export function uniqueId(label: string): string {
  counter += 1;
  return `${label}_${String(counter)}_${Math.random().toString(36).slice(2, 8)}`;
}

import { describe, expect, it } from 'vitest';

const ALL = ['0001_chat', '0002_usage_requests'];
import { runMigrations } from '@pyairtable/kit';
import {
  CHAT_MIGRATIONS_DIR,
  CHAT_MIGRATIONS_TABLE,
  migrateChat,
} from '../../src/store/migrate-chat.ts';
import { useChatDatabase } from './chat-database.ts';

const database = useChatDatabase({ migrate: false });

async function chatTables(): Promise<string[]> {
  const { rows } = await database.pool.query<{ table_name: string }>(
    `select table_name from information_schema.tables
      where table_schema = 'public' and table_name like 'chat%' order by table_name`,
  );
  return rows.map((row) => row.table_name);
}

describe('chat migrations', () => {
  // Each down run reverts the newest migration still applied.
  const revertAll = async (): Promise<void> => {
    for (let reverted = 0; reverted < ALL.length; reverted += 1) {
      await runMigrations({
        databaseUrl: database.url,
        dir: CHAT_MIGRATIONS_DIR,
        migrationsTable: CHAT_MIGRATIONS_TABLE,
        direction: 'down',
      });
    }
  };

  it('create the tables once; a second run applies nothing', async () => {
    const first = await migrateChat(database.url);
    expect(first.map((migration) => migration.name)).toEqual(ALL);
    expect(await chatTables()).toEqual([
      'chat_messages',
      'chat_migrations',
      'chat_sessions',
      'chat_tool_calls',
      'chat_usage_daily',
    ]);

    expect(await migrateChat(database.url)).toEqual([]);
  });

  it('revert cleanly and apply again', async () => {
    await revertAll();
    expect(await chatTables()).toEqual(['chat_migrations']);

    const again = await migrateChat(database.url);
    expect(again.map((migration) => migration.name)).toEqual(ALL);
  });

  it('run concurrently from several replicas without failing', async () => {
    await revertAll();
    const runs = await Promise.all([1, 2, 3].map(() => migrateChat(database.url)));
    expect(runs.flat().map((migration) => migration.name)).toEqual(ALL);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '@pyairtable/kit';
import { createTestDatabase, startTestPostgres, withClient } from '@pyairtable/kit/testing';
import type { TestPostgres } from '@pyairtable/kit/testing';
import { migrationsDir, migrationsTable } from './tokens-database.ts';

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startTestPostgres();
});
afterAll(async () => {
  await postgres.stop();
});

describe('gateway migrations', () => {
  it('apply on a fresh database, record themselves in gateway_migrations, and run once', async () => {
    const database = await createTestDatabase(postgres.adminUrl);
    try {
      const applied = await runMigrations({
        databaseUrl: database.url,
        dir: migrationsDir,
        migrationsTable,
      });
      expect(applied.map(({ name }) => name)).toEqual(['0001_tokens', '0002_audit_log']);
      expect(await tables(database.url)).toEqual([
        'gateway_audit_log',
        'gateway_migrations',
        'gateway_refresh_tokens',
        'gateway_signing_keys',
      ]);
      expect(
        await runMigrations({ databaseUrl: database.url, dir: migrationsDir, migrationsTable }),
      ).toEqual([]);
    } finally {
      await database.drop();
    }
  });

  it('revert cleanly', async () => {
    const database = await createTestDatabase(postgres.adminUrl);
    try {
      await runMigrations({ databaseUrl: database.url, dir: migrationsDir, migrationsTable });
      // Each down run reverts the newest migration still applied.
      for (const expected of [['0002_audit_log'], ['0001_tokens']]) {
        const reverted = await runMigrations({
          databaseUrl: database.url,
          dir: migrationsDir,
          migrationsTable,
          direction: 'down',
        });
        expect(reverted.map(({ name }) => name)).toEqual(expected);
      }
      expect(await tables(database.url)).toEqual(['gateway_migrations']);
    } finally {
      await database.drop();
    }
  });

  it('allow only one signing key that is not retired', async () => {
    const database = await createTestDatabase(postgres.adminUrl);
    try {
      await runMigrations({ databaseUrl: database.url, dir: migrationsDir, migrationsTable });
      const insertKey = (kid: string) =>
        withClient(database.url, (client) =>
          client.query(
            `insert into gateway_signing_keys
               (kid, algorithm, public_jwk, private_jwk_ciphertext, activated_at)
             values ($1, 'EdDSA', '{}', 'x', now())`,
            [kid],
          ),
        );
      await insertKey('first');
      await expect(insertKey('second')).rejects.toThrow(/gateway_signing_keys_one_current/);
    } finally {
      await database.drop();
    }
  });
});

async function tables(url: string): Promise<string[]> {
  const { rows } = await withClient(url, (client) =>
    client.query<{ table_name: string }>(
      `select table_name from information_schema.tables
       where table_schema = 'public' order by table_name`,
    ),
  );
  return rows.map((row) => row.table_name);
}

import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Pool } from 'pg';
import { createPgPool } from '../../src/postgres/pg-pool.ts';
import { pgReadinessCheck } from '../../src/postgres/pg-readiness-check.ts';
import { runMigrations } from '../../src/postgres/run-migrations.ts';
import { createTestDatabase, startTestPostgres, withClient } from '../../src/testing/index.ts';
import type { TestPostgres } from '../../src/testing/index.ts';
import { runNodeScript } from './run-command.ts';
import { startTcpProxy } from './tcp-proxy.ts';
import type { TcpProxy } from './tcp-proxy.ts';

const migrationsDir = fileURLToPath(new URL('fixtures/migrations', import.meta.url));
const migrateCommand = fileURLToPath(
  new URL('../../src/postgres/migrate-command.ts', import.meta.url),
);
const noDeadline = new AbortController().signal;

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startTestPostgres();
});
afterAll(async () => {
  await postgres.stop();
});

describe('createPgPool', () => {
  it('runs queries', async () => {
    const pool = createPgPool({ connectionString: postgres.adminUrl });
    try {
      const { rows } = await pool.query<{ answer: number }>('select 1 + 1 as answer');
      expect(rows[0]?.answer).toBe(2);
    } finally {
      await pool.end();
    }
  });

  it('cuts a statement that runs past the statement timeout', async () => {
    const pool = createPgPool({ connectionString: postgres.adminUrl, statementTimeoutMs: 100 });
    try {
      await expect(pool.query('select pg_sleep(5)')).rejects.toThrow(/statement timeout/);
    } finally {
      await pool.end();
    }
  });
});

describe('pgReadinessCheck, with Postgres behind a proxy the test can cut', () => {
  let proxy: TcpProxy;
  let pool: Pool;
  const warnings: unknown[] = [];

  beforeAll(async () => {
    const target = new URL(postgres.adminUrl);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const proxied = new URL(postgres.adminUrl);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    pool = createPgPool({
      connectionString: proxied.toString(),
      connectionTimeoutMs: 1_000,
      logger: { warn: (bindings: unknown) => warnings.push(bindings) },
    });
  });
  afterAll(async () => {
    await pool.end();
    await proxy.destroy();
  });

  /** Cut connections would fail the check by themselves; the point is a silent server. */
  async function stallWithNoOpenConnections(): Promise<void> {
    proxy.stall();
    await vi.waitFor(() => {
      expect(pool.totalCount).toBe(0);
    });
  }

  it('passes while Postgres is up, fails while it is down, passes again once it is back', async () => {
    const check = pgReadinessCheck(pool);
    await expect(check.check(noDeadline)).resolves.toBeUndefined();

    await proxy.close();
    const started = performance.now();
    await expect(check.check(noDeadline)).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(1_000);

    await proxy.open();
    await expect(check.check(noDeadline)).resolves.toBeUndefined();
  });

  it('logs connections cut while idle instead of crashing, and then reconnects', async () => {
    await pool.query('select 1');
    warnings.length = 0;
    await proxy.close();
    await vi.waitFor(() => {
      expect(warnings.length).toBeGreaterThan(0);
    });
    await proxy.open();
    await expect(pool.query('select 1')).resolves.toMatchObject({ rowCount: 1 });
  });

  it('gives up at its timeout when Postgres does not answer at all', async () => {
    await stallWithNoOpenConnections();
    try {
      const started = performance.now();
      await expect(pgReadinessCheck(pool, { timeoutMs: 200 }).check(noDeadline)).rejects.toThrow(
        /did not answer in time/,
      );
      expect(performance.now() - started).toBeLessThan(800);
    } finally {
      await proxy.open();
    }
  });

  it("gives up when the probe's signal aborts first", async () => {
    await stallWithNoOpenConnections();
    try {
      const started = performance.now();
      await expect(
        pgReadinessCheck(pool, { timeoutMs: 10_000 }).check(AbortSignal.timeout(100)),
      ).rejects.toThrow(/did not answer in time/);
      expect(performance.now() - started).toBeLessThan(800);
    } finally {
      await proxy.open();
    }
  });
});

describe('runMigrations', () => {
  it('applies each migration once, and nothing when run again', async () => {
    const database = await createTestDatabase(postgres.adminUrl);
    try {
      const first = await runMigrations({ databaseUrl: database.url, dir: migrationsDir });
      expect(first.map(({ name }) => name)).toEqual(['001_create-notes', '002_add-note-author']);
      expect(await runMigrations({ databaseUrl: database.url, dir: migrationsDir })).toEqual([]);
      expect(await noteColumns(database.url)).toEqual(['id', 'body', 'author']);
    } finally {
      await database.drop();
    }
  });

  it('lets replicas that boot together run it at once', async () => {
    const database = await createTestDatabase(postgres.adminUrl);
    try {
      const runs = await Promise.all([
        runMigrations({ databaseUrl: database.url, dir: migrationsDir }),
        runMigrations({ databaseUrl: database.url, dir: migrationsDir }),
      ]);
      expect(runs.map((applied) => applied.length).sort()).toEqual([0, 2]);
      const recorded = await withClient(database.url, (client) =>
        client.query('select name from pgmigrations'),
      );
      expect(recorded.rowCount).toBe(2);
    } finally {
      await database.drop();
    }
  });

  it('reverts the last migration when asked to go down', async () => {
    const database = await createTestDatabase(postgres.adminUrl);
    try {
      await runMigrations({ databaseUrl: database.url, dir: migrationsDir });
      const reverted = await runMigrations({
        databaseUrl: database.url,
        dir: migrationsDir,
        direction: 'down',
      });
      expect(reverted.map(({ name }) => name)).toEqual(['002_add-note-author']);
      expect(await noteColumns(database.url)).toEqual(['id', 'body']);
    } finally {
      await database.drop();
    }
  });
});

describe('migrate-command', () => {
  it('applies the folder given on the command line', async () => {
    const database = await createTestDatabase(postgres.adminUrl);
    try {
      const result = await runNodeScript(migrateCommand, [
        migrationsDir,
        '--database-url',
        database.url,
      ]);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain('applied 2 migration(s)');
      expect(await noteColumns(database.url)).toEqual(['id', 'body', 'author']);
    } finally {
      await database.drop();
    }
  });

  it('takes the database from DATABASE_URL and records runs in the table it is given', async () => {
    const database = await createTestDatabase(postgres.adminUrl);
    try {
      const result = await runNodeScript(
        migrateCommand,
        [migrationsDir, '--table', 'notes_migrations'],
        {
          DATABASE_URL: database.url,
        },
      );
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain('applied 2 migration(s)');
      const { rows } = await withClient(database.url, (client) =>
        client.query<{ count: string }>('select count(*) from notes_migrations'),
      );
      expect(rows[0]?.count).toBe('2');
    } finally {
      await database.drop();
    }
  });

  it('prints its usage and exits 2 without a database URL', async () => {
    const result = await runNodeScript(migrateCommand, [migrationsDir], {
      DATABASE_URL: undefined,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DATABASE_URL=<url>');
  });
});

async function noteColumns(url: string): Promise<string[]> {
  const { rows } = await withClient(url, (client) =>
    client.query<{ column_name: string }>(
      `select column_name from information_schema.columns
       where table_name = 'notes' order by ordinal_position`,
    ),
  );
  return rows.map((row) => row.column_name);
}

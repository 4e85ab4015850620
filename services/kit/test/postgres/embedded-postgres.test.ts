import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmbeddedPostgres } from '../../src/postgres/embedded-postgres.ts';
import { createTempFolder, withClient } from '../../src/testing/index.ts';
import { findFreePort as freePort } from '../../src/net/ports.ts';

const shutdownEvents = ['SIGINT', 'SIGTERM', 'SIGHUP', 'beforeExit'] as const;

describe('startEmbeddedPostgres', () => {
  let folder: string;
  let dataDir: string;
  beforeAll(async () => {
    folder = await createTempFolder();
    dataDir = join(folder, 'data');
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('keeps data across a stop and a start on the same data directory', async () => {
    const first = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'app' });
    await withClient(first.connectionString, async (client) => {
      await client.query('create table kept (value text)');
      await client.query("insert into kept values ('still here')");
    });
    await first.stop();
    await first.stop();

    const second = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      database: 'app',
    });
    try {
      const { rows } = await withClient(second.connectionString, (client) =>
        client.query<{ value: string }>('select value from kept'),
      );
      expect(rows).toEqual([{ value: 'still here' }]);
      const encoding = await withClient(second.connectionString, (client) =>
        client.query<{ server_encoding: string }>('show server_encoding'),
      );
      expect(encoding.rows[0]?.server_encoding).toBe('UTF8');
    } finally {
      await second.stop();
    }
  });

  it("leaves the process's signal and exit handling to the caller", async () => {
    const before = shutdownEvents.map((event) => process.listenerCount(event));
    const exitListeners = process.listenerCount('exit');
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    try {
      expect(shutdownEvents.map((event) => process.listenerCount(event))).toEqual(before);
    } finally {
      await server.stop();
    }
    expect(process.listenerCount('exit')).toBe(exitListeners);
  });

  it('stops at once when Postgres already exited on its own, as after Ctrl+C', async () => {
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    const pidFile = join(dataDir, 'postmaster.pid');
    const pid = Number.parseInt(await readFile(pidFile, 'utf8'), 10);
    process.kill(pid, 'SIGINT');
    await vi.waitFor(async () => {
      await expect(readFile(pidFile)).rejects.toThrow();
    });

    const stopped = await Promise.race([
      server.stop().then(() => 'stopped'),
      new Promise((resolve) => setTimeout(resolve, 5_000, 'hung')),
    ]);
    expect(stopped).toBe('stopped');
  });
});

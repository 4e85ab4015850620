import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../postgres/embedded-postgres.ts';
import { findFreePort as freePort } from '../net/ports.ts';
import { testServers } from './test-servers.ts';

/** The Postgres a suite runs against; `stop()` leaves an external server running. */
export interface TestPostgres {
  /** A URL whose user may create databases. */
  readonly adminUrl: string;
  /** True when this suite started its own embedded server. */
  readonly embedded: boolean;
  stop(): Promise<void>;
}

/** Postgres from DATABASE_URL (CI), else an embedded one in a fresh temporary folder. */
export async function startTestPostgres(): Promise<TestPostgres> {
  const external = testServers().databaseUrl;
  if (external !== undefined) {
    return { adminUrl: external, embedded: false, stop: () => Promise.resolve() };
  }
  const folder = await createTempFolder();
  const server = await startEmbeddedPostgres({
    dataDir: join(folder, 'data'),
    port: await freePort(),
  });
  return {
    adminUrl: server.connectionString,
    embedded: true,
    async stop() {
      await server.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/**
 * A temporary folder the `postgres` OS user can pass through: as root, embedded Postgres runs
 * as that user, and mkdtemp creates folders only their owner may enter.
 */
export async function createTempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'kit-postgres-'));
  await chmod(folder, 0o711);
  return folder;
}

/** A database of its own, so tests cannot see each other's tables nor what a past run left. */
export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** Creates an empty database next to `adminUrl`'s and returns its URL. */
export async function createTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await withClient(adminUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await withClient(adminUrl, (client) =>
        client.query(`drop database if exists ${name} with (force)`),
      );
    },
  };
}

/** Runs `work` on a fresh connection to `url` and closes it. */
export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

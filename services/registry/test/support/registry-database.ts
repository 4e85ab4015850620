import { afterAll, beforeAll } from 'vitest';
import type { Pool } from 'pg';
import {
  createPgPool,
  createSecretCipher,
  generateCipherKey,
  parseCipherKeys,
} from '@pyairtable/kit';
import type { CipherKey, SecretCipher, SharedStore } from '@pyairtable/kit';
import { createTestDatabase, startTestPostgres } from '@pyairtable/kit/testing';
import type { TestDatabase, TestPostgres } from '@pyairtable/kit/testing';
import { createRegistry, migrateRegistry } from '../../src/index.ts';
import type { Registry } from '../../src/index.ts';

/** A migrated registry database a test file shares. */
export interface RegistryFixture {
  readonly pool: Pool;
  readonly cipher: SecretCipher;
  readonly cipherKeys: readonly CipherKey[];
  readonly registry: Registry;
  /** A registry on the same pool whose writes announce themselves on `store`. */
  announcing(store: SharedStore): Registry;
}

/** Starts Postgres (or uses DATABASE_URL), makes a fresh migrated database, and cleans up. */
export function useRegistryDatabase(options: { now?: () => Date } = {}): RegistryFixture {
  let postgres: TestPostgres | undefined;
  let database: TestDatabase | undefined;
  let pool: Pool | undefined;
  const cipherKeys = parseCipherKeys(generateCipherKey('test'));
  const cipher = createSecretCipher(cipherKeys);
  beforeAll(async () => {
    postgres = await startTestPostgres();
    database = await createTestDatabase(postgres.adminUrl);
    await migrateRegistry(database.url);
    pool = createPgPool({ connectionString: database.url, max: 4 });
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
    await postgres?.stop();
  });
  const ready = (): Pool => {
    if (pool === undefined) throw new Error('the registry database is used before beforeAll ran');
    return pool;
  };
  const build = (store?: SharedStore): Registry =>
    createRegistry({ pool: ready(), cipher, store, ...(options.now ? { now: options.now } : {}) });
  return {
    get pool() {
      return ready();
    },
    cipher,
    cipherKeys,
    get registry() {
      return build();
    },
    announcing: build,
  };
}

let counter = 0;

/** A name no other test in the file uses. */
export function uniqueName(label: string): string {
  counter += 1;
  return `${label}-${String(counter)}-${Math.random().toString(36).slice(2, 8)}`;
}

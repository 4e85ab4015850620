import type { Pool } from 'pg';
import { createStore } from '../cache/create-store.ts';
import type { SharedStore } from '../cache/shared-store.ts';
import { pgReadinessCheck } from '../postgres/pg-readiness-check.ts';
import { createPgPool } from '../postgres/pg-pool.ts';
import type { ServiceApp } from './create-service-app.ts';

/** Options of {@link openServiceStores}. */
export interface ServiceStoresOptions {
  readonly databaseUrl: string;
  /** Shown in `pg_stat_activity`, e.g. `pyairtable-chat`. */
  readonly applicationName: string;
  readonly redisUrl?: string | undefined;
  readonly redisKeyPrefix: string;
  /** A store opened elsewhere (tests share one); its owner closes it. */
  readonly store?: SharedStore | undefined;
}

/** The Postgres pool and shared store a service works with. */
export interface ServiceStores {
  readonly pool: Pool;
  readonly store: SharedStore;
}

/**
 * Opens a service's Postgres pool and shared store (Redis, or in-process), makes `/readyz`
 * wait for both, and closes them when the app closes, after requests have drained. Close what
 * depends on them in a `preClose` hook, which runs first.
 */
export function openServiceStores(app: ServiceApp, options: ServiceStoresOptions): ServiceStores {
  const pool = createPgPool({
    connectionString: options.databaseUrl,
    applicationName: options.applicationName,
    logger: app.log,
  });
  const store =
    options.store ?? createStore({ redisUrl: options.redisUrl, keyPrefix: options.redisKeyPrefix });
  app.readiness.add(pgReadinessCheck(pool));
  app.readiness.add(store.readinessCheck());
  app.addHook('onClose', async () => {
    await pool.end();
    if (options.store === undefined) await store.close();
  });
  return { pool, store };
}

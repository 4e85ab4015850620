import type { Pool } from 'pg';
import { createSecretCipher, parseCipherKeys } from '@pyairtable/kit';
import type { SharedStore } from '@pyairtable/kit';
import { createCachedAccessResolver } from './cached-access-resolver.ts';
import type { CachedAccessResolver } from './cached-access-resolver.ts';
import { createRegistry } from './create-registry.ts';
import type { Registry } from './create-registry.ts';

/** Options of {@link openRegistry}: a service's pool, store and configuration. */
export interface OpenRegistryOptions {
  readonly pool: Pool;
  readonly store: SharedStore;
  readonly databaseUrl: string;
  /** `SECRET_ENCRYPTION_KEYS`. */
  readonly encryptionKeys: string;
  /** How long a resolved caller is reused; the resolver's default when absent. */
  readonly accessCacheTtlMs?: number | undefined;
  readonly onError: (error: unknown) => void;
}

/** The registry and a caller cache that hears every announced change, started. */
export interface OpenedRegistry {
  readonly registry: Registry;
  /** Close it before the store and pool (in a `preClose` hook). */
  readonly access: CachedAccessResolver;
}

/**
 * What every service opens the same way: the registry on its pool (writes announced on the
 * store and through Postgres) and a cached access resolver listening to both.
 */
export async function openRegistry(options: OpenRegistryOptions): Promise<OpenedRegistry> {
  const registry = createRegistry({
    pool: options.pool,
    cipher: createSecretCipher(parseCipherKeys(options.encryptionKeys)),
    store: options.store,
  });
  const access = createCachedAccessResolver({
    resolver: registry.access,
    store: options.store,
    databaseUrl: options.databaseUrl,
    onError: options.onError,
    ...(options.accessCacheTtlMs === undefined ? {} : { ttlMs: options.accessCacheTtlMs }),
  });
  await access.start();
  return { registry, access };
}

import { createMemoryStore } from './memory-store.ts';
import { createRedisStore } from './redis-store.ts';
import type { SharedStore, StoreErrorReporter } from './shared-store.ts';

/** Options for {@link createStore}; usually straight from the service's config. */
export interface StoreOptions {
  /** Redis to share state through; without it, state lives in this process only. */
  readonly redisUrl?: string | undefined;
  /** Prefix for Redis keys and channels; the memory store has nothing to share, so ignores it. */
  readonly keyPrefix?: string;
  /** Where failures without a caller go (default: a process warning). */
  readonly onError?: StoreErrorReporter;
}

/**
 * The store a service should use: Redis when `REDIS_URL` is configured (Kubernetes, several
 * replicas), otherwise in-process (`npm start` on one machine), with the same behaviour.
 */
export function createStore(options: StoreOptions = {}): SharedStore {
  const { redisUrl, keyPrefix, onError } = options;
  const reporter = onError === undefined ? {} : { onError };
  if (redisUrl === undefined || redisUrl === '') return createMemoryStore(reporter);
  return createRedisStore({
    url: redisUrl,
    ...reporter,
    ...(keyPrefix === undefined ? {} : { keyPrefix }),
  });
}

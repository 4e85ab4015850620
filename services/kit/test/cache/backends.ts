import { createServer } from 'node:net';
import { createMemoryStore } from '../../src/cache/memory-store.ts';
import { createRedisStore } from '../../src/cache/redis-store.ts';
import type { SharedStore, StoreErrorReporter } from '../../src/cache/shared-store.ts';
import { testServers, uniqueKeyPrefix } from '../../src/testing/index.ts';

/** What a test asks of a backend: a fresh store in its own key space. */
export interface StoreBackend {
  readonly name: string;
  create(options: { keyPrefix: string; onError?: StoreErrorReporter }): SharedStore;
}

/** Redis for the shared suite, when CI (or a developer) provides one. */
export const redisUrl: string | undefined = testServers().redisUrl;

const memoryBackend: StoreBackend = {
  name: 'memory store',
  create: ({ onError }) => createMemoryStore(onError === undefined ? {} : { onError }),
};

function redisBackend(url: string): StoreBackend {
  return {
    name: 'redis store',
    create: ({ keyPrefix, onError }) =>
      createRedisStore({ url, keyPrefix, ...(onError === undefined ? {} : { onError }) }),
  };
}

/**
 * The backends every shared test runs against. Without REDIS_URL the Redis backend is not in
 * the list at all, rather than registered as skipped tests that could hide a failure.
 */
export const storeBackends: readonly StoreBackend[] =
  redisUrl === undefined ? [memoryBackend] : [memoryBackend, redisBackend(redisUrl)];

export { uniqueKeyPrefix };

/** A Redis URL on a loopback port where nothing listens: connections are refused at once. */
export async function unreachableRedisUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve, reject) => {
    server.close((error) => {
      if (error === undefined) resolve();
      else reject(error);
    });
  });
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return `redis://127.0.0.1:${address.port}`;
}

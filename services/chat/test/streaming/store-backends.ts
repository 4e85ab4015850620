import { createMemoryStore, createRedisStore } from '@pyairtable/kit';
import type { SharedStore } from '@pyairtable/kit';
import { testServers, uniqueKeyPrefix } from '@pyairtable/kit/testing';

/** A shared-store backend the stream buffer is tested on. */
export interface StoreBackend {
  readonly name: string;
  /** A fresh store in a key space of its own. */
  create(): SharedStore;
}

const { redisUrl } = testServers();

/**
 * The in-process store always; Redis too when REDIS_URL is set. Without it the Redis backend
 * is left out rather than registered as skipped tests that could hide a failure.
 */
export const storeBackends: readonly StoreBackend[] = [
  { name: 'memory store', create: () => createMemoryStore() },
  ...(redisUrl === undefined
    ? []
    : [
        {
          name: 'redis store',
          create: () => createRedisStore({ url: redisUrl, keyPrefix: uniqueKeyPrefix('chat') }),
        },
      ]),
];

/** `store` with its live subscriptions counted, to see that readers let go of theirs. */
export function countSubscriptions(store: SharedStore): {
  readonly store: SharedStore;
  readonly active: () => number;
} {
  let active = 0;
  return {
    store: {
      ...store,
      async subscribe(channel, handler) {
        const unsubscribe = await store.subscribe(channel, handler);
        active += 1;
        let done = false;
        return async () => {
          if (!done) active -= 1;
          done = true;
          await unsubscribe();
        };
      },
    },
    active: () => active,
  };
}

/** `store` losing every other published message, as pub/sub may while Redis reconnects. */
export function losingHalfTheMessages(store: SharedStore): SharedStore {
  let published = 0;
  return {
    ...store,
    publish(channel, message) {
      published += 1;
      return published % 2 === 0 ? Promise.resolve() : store.publish(channel, message);
    },
  };
}

import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { RELEASE_LOCK_SCRIPT, runScript } from './redis-scripts.ts';
import type { StoreErrorReporter } from './shared-store.ts';

/** How often a replica waiting on another's load looks for the value. */
const POLL_INTERVAL_MS = 50;

/** What {@link loadAcrossReplicas} needs: full (prefixed) keys and the encoded loader. */
export interface ReplicaLoad {
  readonly client: Redis;
  readonly dataKey: string;
  readonly lockKey: string;
  readonly ttlMs: number;
  /** How long a lock holder may take before waiters give up and load themselves. */
  readonly lockTtlMs: number;
  readonly load: () => Promise<string>;
  readonly reportError: StoreErrorReporter;
}

/**
 * Fills a missed key so that, across replicas, usually one loader runs: whoever takes the lock
 * loads and stores, the others poll for the value. The lock expires on its own, so a crashed
 * holder delays the others by at most `lockTtlMs`; after that they load without it, because a
 * second load is cheaper than a request that never ends. Callers add in-process single-flight
 * on top, so one replica has at most one caller here per key.
 */
export async function loadAcrossReplicas(request: ReplicaLoad): Promise<string> {
  const { client, dataKey, lockKey, lockTtlMs } = request;
  const token = randomUUID();
  const giveUpAt = Date.now() + lockTtlMs;
  for (;;) {
    if ((await client.set(lockKey, token, 'PX', lockTtlMs, 'NX')) === 'OK') {
      try {
        // Another replica may have stored the value between our miss and our lock.
        return (await client.get(dataKey)) ?? (await loadAndStore(request));
      } finally {
        await runScript(client, RELEASE_LOCK_SCRIPT, [lockKey], [token]).catch(request.reportError);
      }
    }
    await delay(POLL_INTERVAL_MS);
    const stored = await client.get(dataKey);
    if (stored !== null) return stored;
    if (Date.now() >= giveUpAt) return loadAndStore(request);
  }
}

async function loadAndStore({ client, dataKey, ttlMs, load, reportError }: ReplicaLoad) {
  const encoded = await load();
  // The value is in hand: failing to cache it must not fail the caller who asked for it.
  await client.set(dataKey, encoded, 'PX', ttlMs).catch(reportError);
  return encoded;
}

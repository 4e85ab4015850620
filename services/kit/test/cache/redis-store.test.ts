import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JsonValue } from '../../src/cache/json-value.ts';
import { createRedisStore } from '../../src/cache/redis-store.ts';
import type { RedisStoreOptions } from '../../src/cache/redis-store.ts';
import type { SharedStore } from '../../src/cache/shared-store.ts';
import { redisUrl, uniqueKeyPrefix, unreachableRedisUrl } from './backends.ts';

const opened: SharedStore[] = [];

function openStore(options: RedisStoreOptions): SharedStore {
  const store = createRedisStore({ onError: () => undefined, ...options });
  opened.push(store);
  return store;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

describe('redis store when Redis is down', () => {
  it('fails readiness within a second or two, and rejects commands instead of crashing', async () => {
    const reported: unknown[] = [];
    const store = openStore({ url: await unreachableRedisUrl(), onError: (e) => reported.push(e) });

    const started = Date.now();
    await expect(store.readinessCheck().check(AbortSignal.timeout(10_000))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);

    const commandStarted = Date.now();
    await expect(store.get('anything')).rejects.toThrow();
    expect(Date.now() - commandStarted).toBeLessThan(2_500);
    expect(reported.map(String).join('\n')).toMatch(/ECONNREFUSED/);
  });

  it('settles a command still waiting for a reconnect when the store closes', async () => {
    const store = openStore({ url: await unreachableRedisUrl() });
    await vi.waitFor(async () => {
      await expect(store.readinessCheck().check(AbortSignal.timeout(1_000))).rejects.toThrow(
        /reconnecting/,
      );
    });

    const waiting = store.get('anything');
    await store.close();
    await expect(waiting).rejects.toThrow(/closed/);
  });

  it('gives up on a Redis that accepts connections but never answers when the probe aborts', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => {
      sockets.add(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const address = silent.address();
      if (address === null || typeof address === 'string') throw new Error('no TCP port');
      const store = openStore({ url: `redis://127.0.0.1:${address.port}` });

      const started = Date.now();
      await expect(store.readinessCheck().check(AbortSignal.timeout(300))).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});

// Registered only when a Redis is available: these show what only a shared Redis can do.
if (redisUrl !== undefined) {
  const url = redisUrl;

  describe('redis store shared by replicas', () => {
    it('loads a cold key once across replicas that share a prefix', async () => {
      const keyPrefix = uniqueKeyPrefix();
      const replicas = [openStore({ url, keyPrefix }), openStore({ url, keyPrefix })];
      const loader = vi.fn(async () => {
        await sleep(150);
        return 'expensive';
      });

      const results = await Promise.all(
        replicas.flatMap((replica) =>
          Array.from({ length: 5 }, () => replica.getOrLoad('cold', 10_000, loader)),
        ),
      );

      expect(loader).toHaveBeenCalledTimes(1);
      expect(new Set(results)).toEqual(new Set(['expensive']));
    });

    it('enforces one rate limit across replicas', async () => {
      const keyPrefix = uniqueKeyPrefix();
      const [first, second] = [openStore({ url, keyPrefix }), openStore({ url, keyPrefix })];
      const limit = { limit: 4, windowMs: 60_000 };

      const decisions = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? first : second).consume('base', limit)),
      );

      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(4);
    });

    it('delivers a message published by one replica to subscribers of another', async () => {
      const keyPrefix = uniqueKeyPrefix();
      const [publisher, subscriber] = [
        openStore({ url, keyPrefix }),
        openStore({ url, keyPrefix }),
      ];
      const received: JsonValue[] = [];
      await subscriber.subscribe('invalidate', (message) => void received.push(message));

      await publisher.publish('invalidate', { table: 'Deals' });
      await vi.waitFor(() => {
        expect(received).toEqual([{ table: 'Deals' }]);
      });
    });

    it('keeps stores with different prefixes apart', async () => {
      const [a, b] = [
        openStore({ url, keyPrefix: uniqueKeyPrefix() }),
        openStore({ url, keyPrefix: uniqueKeyPrefix() }),
      ];
      await a.set('same-key', 'a', 10_000);

      expect(await b.get('same-key')).toBeUndefined();
    });

    it('ends both its connections on close', async () => {
      const connectionName = `kit-test-${String(Date.now())}`;
      const store = openStore({ url, keyPrefix: uniqueKeyPrefix(), connectionName });
      await store.subscribe('invalidate', () => undefined);
      await store.set('warm', 1, 10_000);
      const admin = new Redis(url);
      try {
        const connectionsNamed = async () =>
          String(await admin.client('LIST'))
            .split('\n')
            .filter((line) => line.includes(` name=${connectionName}`)).length;
        expect(await connectionsNamed()).toBe(2);

        await store.close();
        await vi.waitFor(async () => {
          expect(await connectionsNamed()).toBe(0);
        });
      } finally {
        await admin.quit();
      }
    });
  });
}

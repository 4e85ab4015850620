import { Redis } from 'ioredis';
import { decodeJson, encodeJson } from './json-value.ts';
import type { JsonValue } from './json-value.ts';
import { loadAcrossReplicas } from './redis-loader-lock.ts';
import { INCREMENT_SCRIPT, TOKEN_BUCKET_SCRIPT, runScript } from './redis-scripts.ts';
import { createRedisSubscriptions } from './redis-subscriptions.ts';
import { checkIncrement, checkTtlMs, warnOnStoreError } from './shared-store.ts';
import type { SharedStore, StoreErrorReporter } from './shared-store.ts';
import { createSingleFlight } from './single-flight.ts';
import { CLOCK_SLACK_MS, checkRateLimit } from './token-bucket.ts';

/** Options for {@link createRedisStore}. */
export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]`, or `rediss://` for TLS. */
  readonly url: string;
  /**
   * Prepended to every key and channel, so environments or tests can share one Redis.
   * Keys under `<prefix>loader-lock:` are `getOrLoad`'s locks.
   */
  readonly keyPrefix?: string;
  /** Shown by `CLIENT LIST`, so an operator can tell which service holds which connection. */
  readonly connectionName?: string;
  /** How long one replica's `getOrLoad` may hold others waiting (default 5 s). */
  readonly lockTtlMs?: number;
  /** Where failures without a caller go: dropped connections, handler errors (default: warn). */
  readonly onError?: StoreErrorReporter;
}

/**
 * A {@link SharedStore} on Redis, shared by every replica. Connects at once and reconnects
 * forever with backoff capped at 1 s, but a command queued while Redis is down is failed
 * after the next one or two reconnect attempts (ioredis's `maxRetriesPerRequest: 1`) rather
 * than held until Redis returns: a request should get an error within a second or two, not
 * hang. There is no per-command timeout, so a Redis that accepts commands but never answers
 * stalls callers; the readiness check is bounded by its probe's signal.
 */
export function createRedisStore(options: RedisStoreOptions): SharedStore {
  const prefix = options.keyPrefix ?? '';
  const reportError = options.onError ?? warnOnStoreError;
  const lockTtlMs = options.lockTtlMs ?? 5_000;
  const client = new Redis(options.url, {
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    ...(options.connectionName === undefined ? {} : { connectionName: options.connectionName }),
  });
  reportConnectionErrors(client, 'command', reportError);
  const subscriptions = createRedisSubscriptions(() => {
    const subscriber = client.duplicate(
      options.connectionName === undefined
        ? {}
        : { connectionName: `${options.connectionName}-subscriber` },
    );
    reportConnectionErrors(subscriber, 'subscriber', reportError);
    return subscriber;
  }, reportError);
  const loads = createSingleFlight<string>();
  let closed = false;
  // ioredis never settles a command still queued for a reconnect when it is disconnected, so
  // close() settles them itself: a request in flight during shutdown must not hang forever.
  const closing = new AbortController();

  function key(name: string): string {
    if (closed) throw new Error('the redis store is closed');
    return prefix + name;
  }

  function settledByClose<T>(command: Promise<T>): Promise<T> {
    return untilAborted(command, closing.signal);
  }

  return {
    async get(name) {
      const stored = await settledByClose(client.get(key(name)));
      return stored === null ? undefined : decodeJson(stored);
    },

    async set(name, value, ttlMs) {
      await settledByClose(client.set(key(name), encodeJson(value), 'PX', checkTtlMs(ttlMs)));
    },

    async delete(name) {
      return (await settledByClose(client.del(key(name)))) > 0;
    },

    async getOrLoad<T extends JsonValue>(name: string, ttlMs: number, loader: () => Promise<T>) {
      const ttl = checkTtlMs(ttlMs);
      const dataKey = key(name);
      const encoded =
        (await settledByClose(client.get(dataKey))) ??
        (await settledByClose(
          loads.run(name, () =>
            loadAcrossReplicas({
              client,
              dataKey,
              lockKey: key(`loader-lock:${name}`),
              ttlMs: ttl,
              lockTtlMs,
              load: async () => encodeJson(await loader()),
              reportError,
            }),
          ),
        ));
      // The key holds what this loader (or one for the same key) produced: see the interface.
      return decodeJson(encoded) as T;
    },

    async increment(name, by, ttlMs) {
      checkIncrement(by);
      const reply = await settledByClose(
        runScript(client, INCREMENT_SCRIPT, [key(name)], [by, checkTtlMs(ttlMs)]),
      );
      return expectInteger(reply);
    },

    async consume(name, rateLimit) {
      const { limit, windowMs, cost } = checkRateLimit(rateLimit);
      const reply = await settledByClose(
        runScript(
          client,
          TOKEN_BUCKET_SCRIPT,
          [key(name)],
          [limit, windowMs, cost, CLOCK_SLACK_MS],
        ),
      );
      if (!Array.isArray(reply) || reply.length !== 3) throw unexpectedReply(reply);
      const [allowed, remaining, retryAfterMs] = reply.map(expectInteger);
      return { allowed: allowed === 1, remaining: remaining ?? 0, retryAfterMs: retryAfterMs ?? 0 };
    },

    async publish(channel, message) {
      await settledByClose(client.publish(key(channel), encodeJson(message)));
    },

    async subscribe(channel, handler) {
      return settledByClose(subscriptions.add(key(channel), handler));
    },

    readinessCheck: () => ({
      name: 'redis',
      async check(signal) {
        if (closed) throw new Error('the redis store is closed');
        // While reconnecting, a PING would wait for the next attempt: answer from what we know.
        if (['close', 'reconnecting', 'end'].includes(client.status)) {
          throw new Error(`the redis connection is ${client.status}`);
        }
        await untilAborted(client.ping(), signal);
        const problem = subscriptions.problem();
        if (problem !== undefined) throw new Error(problem);
      },
    }),

    async close() {
      closed = true;
      const subscriber = subscriptions.connection();
      await Promise.all([endConnection(client), subscriber && endConnection(subscriber)]);
      closing.abort(new Error('the redis store is closed'));
    },
  };
}

/**
 * ioredis emits an `error` on every failed reconnect; report each distinct failure once per
 * outage rather than a warning per second. The listener also keeps ioredis from printing
 * "Unhandled error event" itself.
 */
function reportConnectionErrors(
  connection: Redis,
  role: string,
  reportError: StoreErrorReporter,
): void {
  let lastMessage: string | undefined;
  connection.on('error', (error: Error) => {
    if (error.message === lastMessage) return;
    lastMessage = error.message;
    reportError(new Error(`redis ${role} connection: ${error.message}`, { cause: error }));
  });
  connection.on('ready', () => {
    lastMessage = undefined;
  });
}

/**
 * QUIT lets replies in flight arrive; a connection that is not up is dropped, which also stops
 * its reconnect timer so nothing keeps the process alive.
 */
async function endConnection(connection: Redis): Promise<void> {
  if (connection.status === 'ready') {
    try {
      await connection.quit();
      return;
    } catch {
      // Lost between the status check and QUIT: drop it like any other down connection.
    }
  }
  connection.disconnect();
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    void work.then(resolve, reject).finally(() => {
      signal.removeEventListener('abort', onAbort);
    });
  });
}

function expectInteger(reply: unknown): number {
  if (typeof reply !== 'number' || !Number.isSafeInteger(reply)) throw unexpectedReply(reply);
  return reply;
}

function unexpectedReply(reply: unknown): Error {
  return new Error(`unexpected reply from redis: ${JSON.stringify(reply)}`);
}

import { EventEmitter } from 'node:events';
import { decodeJson, encodeJson } from './json-value.ts';
import type { JsonValue } from './json-value.ts';
import { deliverMessage } from './deliver-message.ts';
import { checkIncrement, checkTtlMs, warnOnStoreError } from './shared-store.ts';
import type { SharedStore, StoreErrorReporter } from './shared-store.ts';
import { createSingleFlight } from './single-flight.ts';
import { checkRateLimit, takeTokens } from './token-bucket.ts';

/** Options for {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** How often expired entries are swept (default 30 s); reads also drop them as they meet them. */
  readonly sweepIntervalMs?: number;
  /** The clock, in epoch milliseconds; tests pass a fake one. */
  readonly now?: () => number;
  /** Where failures of subscribers' handlers go (default: a process warning). */
  readonly onError?: StoreErrorReporter;
}

interface Entry {
  // Stored as text, as Redis stores it, so both backends return copies with the same JSON shape.
  value: string;
  readonly expiresAt: number;
}

/**
 * A {@link SharedStore} inside this process: for `npm start` on one machine and for tests.
 * Limits and caches are per process, so with several replicas each gets its own; use
 * {@link createRedisStore} there.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): SharedStore {
  const now = options.now ?? Date.now;
  const reportError = options.onError ?? warnOnStoreError;
  const entries = new Map<string, Entry>();
  const loads = createSingleFlight<string>();
  const messages = new EventEmitter();
  // Every subscriber is a listener; many caches subscribing to one channel is not a leak.
  messages.setMaxListeners(0);
  let closed = false;

  const sweeper = setInterval(() => {
    const time = now();
    for (const [key, entry] of entries) {
      if (entry.expiresAt <= time) entries.delete(key);
    }
  }, options.sweepIntervalMs ?? 30_000);
  // The sweeper is housekeeping: it must not keep a finished process (or test run) alive.
  sweeper.unref();

  /** Runs `operation` as a promise so that misuse and a closed store reject, never throw. */
  function run<T>(operation: () => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve) => {
      if (closed) throw new Error('the memory store is closed');
      resolve(operation());
    });
  }

  function live(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry === undefined || entry.expiresAt > now()) return entry;
    entries.delete(key);
    return undefined;
  }

  function write(key: string, value: string, ttlMs: number): void {
    entries.set(key, { value, expiresAt: now() + ttlMs });
  }

  return {
    get: (key) => run(() => mapDefined(live(key), (entry) => decodeJson(entry.value))),

    set: (key, value, ttlMs) =>
      run(() => {
        write(key, encodeJson(value), checkTtlMs(ttlMs));
      }),

    delete: (key) =>
      run(() => {
        const existed = live(key) !== undefined;
        entries.delete(key);
        return existed;
      }),

    getOrLoad: <T extends JsonValue>(key: string, ttlMs: number, loader: () => Promise<T>) =>
      run(async () => {
        const ttl = checkTtlMs(ttlMs);
        const encoded =
          live(key)?.value ??
          (await loads.run(key, async () => {
            const loaded = encodeJson(await loader());
            if (!closed) write(key, loaded, ttl);
            return loaded;
          }));
        // The key holds what this loader (or one for the same key) produced: see the interface.
        return decodeJson(encoded) as T;
      }),

    increment: (key, by, ttlMs) =>
      run(() => {
        checkIncrement(by);
        const ttl = checkTtlMs(ttlMs);
        const entry = live(key);
        if (entry === undefined) {
          write(key, String(by), ttl);
          return by;
        }
        const current = parseStoredNumber(key, entry.value, 'a counter');
        if (!Number.isSafeInteger(current)) {
          throw new TypeError(`"${key}" holds a value that is not a counter`);
        }
        const next = current + by;
        if (!Number.isSafeInteger(next)) throw new RangeError(`counter "${key}" would overflow`);
        entry.value = String(next);
        return next;
      }),

    consume: (key, rateLimit) =>
      run(() => {
        const checked = checkRateLimit(rateLimit);
        const stored = mapDefined(live(key), (entry) =>
          parseStoredNumber(key, entry.value, 'a rate limit'),
        );
        const time = now();
        const step = takeTokens(time, stored, checked);
        if (step.store !== undefined) write(key, String(step.store.tat), step.store.ttlMs);
        return step.decision;
      }),

    publish: (channel, message) =>
      run(() => {
        const encoded = encodeJson(message);
        // Deliver later, as Redis would: a publisher never runs its subscribers' code inline.
        setImmediate(() => messages.emit(channel, encoded));
      }),

    subscribe: (channel, handler) =>
      run(() => {
        const listener = (encoded: string): void => {
          void deliverMessage(handler, encoded, reportError);
        };
        messages.on(channel, listener);
        return () => {
          messages.off(channel, listener);
          return Promise.resolve();
        };
      }),

    readinessCheck: () => ({
      name: 'memory-store',
      check: () => run(() => undefined),
    }),

    close: () => {
      closed = true;
      clearInterval(sweeper);
      entries.clear();
      messages.removeAllListeners();
      return Promise.resolve();
    },
  };
}

function mapDefined<T, U>(value: T | undefined, map: (value: T) => U): U | undefined {
  return value === undefined ? undefined : map(value);
}

function parseStoredNumber(key: string, stored: string, kind: string): number {
  const parsed = Number(stored);
  if (stored.trim() === '' || !Number.isFinite(parsed)) {
    throw new TypeError(`"${key}" holds a value that is not ${kind}`);
  }
  return parsed;
}

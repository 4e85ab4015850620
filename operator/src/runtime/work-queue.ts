import { createKeyBackoff } from './key-backoff.ts';
import type { BackoffSettings } from './key-backoff.ts';
import type { RuntimeMetrics } from './runtime-metrics.ts';
import { createTokenBucket } from './token-bucket.ts';
import type { TokenBucketSettings } from './token-bucket.ts';

/** Options of {@link createWorkQueue}. */
export interface WorkQueueOptions {
  /** The controller it serves (metrics label). */
  readonly name: string;
  /** Per-key backoff after failures (default 500 ms doubling up to 5 minutes). */
  readonly backoff?: BackoffSettings;
  /** Global limit on how fast keys are handed to workers (default 50/s, bursts of 100). */
  readonly rateLimit?: TokenBucketSettings;
  readonly metrics?: RuntimeMetrics;
}

/**
 * client-go's work queue semantics: a key is queued at most once however often it is added,
 * and never handed to two workers at once — adding a key that is being processed marks it
 * dirty, and `done` queues it again, so the latest state is always reconciled once more.
 */
export interface WorkQueue {
  add(key: string): void;
  /** Adds after `delayMs`; an earlier pending delayed add of the same key wins. */
  addAfter(key: string, delayMs: number): void;
  /** Adds after the key's next backoff step (a failure). */
  addRateLimited(key: string): void;
  /** Resets the key's backoff (a success). */
  forget(key: string): void;
  failures(key: string): number;
  /**
   * The next key to process, once the global rate limit lets it go; `undefined` when the
   * queue is shut down. The caller must call `done(key)` afterwards.
   */
  get(): Promise<string | undefined>;
  done(key: string): void;
  /** Keys waiting (not counting delayed adds). */
  readonly depth: number;
  /** Stops handing out keys and drops queued ones; `get`s resolve `undefined`; delays are dropped. */
  shutDown(): void;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 500, maxMs: 5 * 60_000 };
export const DEFAULT_RATE_LIMIT: TokenBucketSettings = { perSecond: 50, burst: 100 };

/** A keyed, deduplicating, rate-limited work queue. */
export function createWorkQueue(options: WorkQueueOptions): WorkQueue {
  const backoff = createKeyBackoff(options.backoff ?? DEFAULT_BACKOFF);
  const bucket = createTokenBucket(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const metrics = options.metrics;
  const label = { controller: options.name };
  const queue: string[] = [];
  const dirty = new Set<string>();
  const processing = new Set<string>();
  const queuedAt = new Map<string, number>();
  const delayed = new Map<string, { readonly at: number; readonly timer: NodeJS.Timeout }>();
  const waiters: ((key: string | undefined) => void)[] = [];
  let shuttingDown = false;

  const reportDepth = (): void => metrics?.queueDepth.set(label, queue.length);
  const hand = (): void => {
    while (waiters.length > 0 && queue.length > 0) {
      const key = queue.shift();
      const waiter = waiters.shift();
      if (key === undefined || waiter === undefined) break;
      take(key);
      waiter(key);
    }
    reportDepth();
  };
  const take = (key: string): void => {
    processing.add(key);
    dirty.delete(key);
    const since = queuedAt.get(key);
    queuedAt.delete(key);
    if (since !== undefined)
      metrics?.queueWaitSeconds.observe(label, (performance.now() - since) / 1_000);
  };

  const add = (key: string): void => {
    if (shuttingDown || dirty.has(key)) return;
    dirty.add(key);
    queuedAt.set(key, performance.now());
    metrics?.queueAdds.inc(label);
    if (processing.has(key)) return;
    queue.push(key);
    hand();
  };

  const addAfter = (key: string, delayMs: number): void => {
    if (shuttingDown) return;
    if (delayMs <= 0) {
      add(key);
      return;
    }
    const at = performance.now() + delayMs;
    const pending = delayed.get(key);
    if (pending !== undefined) {
      if (pending.at <= at) return;
      clearTimeout(pending.timer);
    }
    const timer = setTimeout(() => {
      delayed.delete(key);
      add(key);
    }, delayMs);
    // A delayed retry alone must not keep a stopping process alive.
    timer.unref();
    delayed.set(key, { at, timer });
  };

  const next = (): Promise<string | undefined> => {
    // A stopping controller finishes only what is in flight; queued keys are dropped (the
    // next leader lists everything again), or a rollout would drain a backlog of thousands.
    if (shuttingDown) return Promise.resolve(undefined);
    if (queue.length > 0) {
      const key = queue.shift();
      if (key !== undefined) {
        take(key);
        reportDepth();
        return Promise.resolve(key);
      }
    }
    return new Promise((resolve) => waiters.push(resolve));
  };

  return {
    add,
    addAfter,
    addRateLimited(key) {
      metrics?.queueRetries.inc(label);
      addAfter(key, backoff.next(key));
    },
    forget: (key) => {
      backoff.forget(key);
    },
    failures: (key) => backoff.failures(key),
    async get() {
      // The token is taken before the key, so a burst of adds (a re-list of 1,000 objects)
      // reaches Airtable and the apiserver at the configured pace, in queue order.
      const waitMs = bucket.reserve();
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
      return next();
    },
    done(key) {
      processing.delete(key);
      if (dirty.has(key) && !shuttingDown) {
        queue.push(key);
        hand();
      }
    },
    get depth() {
      return queue.length;
    },
    shutDown() {
      shuttingDown = true;
      queue.length = 0;
      dirty.clear();
      reportDepth();
      for (const pending of delayed.values()) clearTimeout(pending.timer);
      delayed.clear();
      for (const waiter of waiters.splice(0)) waiter(undefined);
    },
  };
}

import type { Logger } from 'pino';
import { parseKey } from './custom-resource-client.ts';
import type { ObjectKey } from './custom-resource-client.ts';
import { describeKubeError, isConflict } from './kube-errors.ts';
import type { RuntimeMetrics } from './runtime-metrics.ts';
import { createWorkQueue } from './work-queue.ts';
import type { WorkQueue, WorkQueueOptions } from './work-queue.ts';

/** What a reconcile asks for next; nothing means "done until something changes". */
export interface ReconcileResult {
  /** Reconcile this key again after this long (a periodic re-check, not a failure). */
  readonly requeueAfterMs?: number;
}

/** Brings the world in line with one object; must be idempotent. Throwing retries with backoff. */
export type Reconcile = (key: ObjectKey) => Promise<ReconcileResult | undefined>;

/** Options of {@link createController}. */
export interface ControllerOptions {
  readonly name: string;
  readonly reconcile: Reconcile;
  /** Concurrent reconciles (of different keys; one key is never reconciled twice at once). */
  readonly workers: number;
  readonly queue?: Pick<WorkQueueOptions, 'backoff' | 'rateLimit'>;
  readonly logger: Logger;
  readonly metrics?: RuntimeMetrics;
}

/** A work queue and the workers that drain it through `reconcile`. */
export interface Controller {
  readonly name: string;
  readonly queue: WorkQueue;
  /** Queues `namespace/name` (keys may be queued before the workers start). */
  enqueue(key: string): void;
  /** Starts the workers (when this instance becomes the leader); a stopped controller restarts. */
  start(): void;
  /** Stops taking keys, drops the queued ones and waits for reconciles in flight. */
  stop(): Promise<void>;
}

/** A controller: keyed queue, N workers, backoff on failure, requeue on request. */
export function createController(options: ControllerOptions): Controller {
  const { name, logger, metrics } = options;
  if (!Number.isInteger(options.workers) || options.workers < 1) {
    throw new RangeError(`controller ${name} needs at least one worker, got ${options.workers}`);
  }
  const newQueue = (): WorkQueue =>
    createWorkQueue({ name, ...options.queue, ...(metrics ? { metrics } : {}) });
  // A stopped controller gets a fresh queue when it starts again (leadership regained).
  let queue = newQueue();
  let stopped = false;
  const label = { controller: name };
  let workers: Promise<void>[] = [];

  const processOne = async (key: string): Promise<void> => {
    const stopTimer = metrics?.reconcileSeconds.startTimer(label);
    try {
      const result = await options.reconcile(parseKey(key));
      queue.forget(key);
      if (result?.requeueAfterMs !== undefined) {
        queue.addAfter(key, result.requeueAfterMs);
        metrics?.reconciles.inc({ ...label, result: 'requeue' });
      } else {
        metrics?.reconciles.inc({ ...label, result: 'success' });
      }
    } catch (error) {
      metrics?.reconciles.inc({ ...label, result: 'error' });
      metrics?.reconcileErrors.inc(label);
      queue.addRateLimited(key);
      // A 409 only means the object changed under us: the retry works on the new version.
      const level = isConflict(error) ? 'debug' : 'warn';
      logger[level](
        { controller: name, key, failures: queue.failures(key), error: describeKubeError(error) },
        'reconcile failed; retrying with backoff',
      );
    } finally {
      stopTimer?.();
      queue.done(key);
    }
  };

  const work = async (): Promise<void> => {
    for (let key = await queue.get(); key !== undefined; key = await queue.get()) {
      await processOne(key);
    }
  };

  return {
    name,
    get queue() {
      return queue;
    },
    enqueue: (key) => {
      queue.add(key);
    },
    start() {
      if (workers.length > 0) return;
      if (stopped) {
        queue = newQueue();
        stopped = false;
      }
      workers = Array.from({ length: options.workers }, () => work());
    },
    async stop() {
      stopped = true;
      queue.shutDown();
      await Promise.all(workers);
      workers = [];
    },
  };
}

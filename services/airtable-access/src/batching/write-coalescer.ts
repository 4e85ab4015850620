import { airtableErrorDetails, airtableErrors } from '../errors/airtable-errors.ts';
import type { Clock } from '../clock.ts';
import type { AccessLogger } from '../access-logger.ts';
import type { RequestExecutor } from '../execution/request-executor.ts';
import type { AccessMetrics } from '../metrics/access-metrics.ts';

/** Airtable's limit of records per write request. */
export const MAX_RECORDS_PER_WRITE = 10;

/** How one kind of write to one table (with one set of options) is sent. */
export interface WriteLane<I, O> {
  /** Operation name for the executor and metrics, e.g. `createRecords`. */
  readonly operation: string;
  readonly baseId: string;
  /** Whether a batch may be sent again after an unclear failure (see AirtableCall). */
  readonly idempotent: boolean;
  /** Sends one request with up to 10 items; resolves one output per item, in order. */
  readonly send: (items: readonly I[]) => Promise<readonly O[]>;
  /** Items with the same key never share a request (e.g. two updates of one record). */
  readonly itemKey?: (item: I) => string;
  /** The id of a written item, for partial-write reports. */
  readonly outputId: (output: O) => string;
  /** Whether this failure may be caused by some items only, so splitting the batch can tell. */
  readonly isolatable: (error: unknown) => boolean;
  /** Runs after every request that may have changed the table (cache invalidation). */
  readonly changed: () => Promise<void>;
}

/** Gathers concurrent writes into Airtable requests of up to 10 records. */
export interface WriteCoalescer<I, O> {
  /**
   * Writes `items` (any number) through the lane `laneKey`, together with whatever other
   * callers write to the same lane meanwhile. Resolves this caller's outputs, in its order.
   */
  submit(laneKey: string, lane: WriteLane<I, O>, items: readonly I[]): Promise<O[]>;
}

interface Entry<I, O> {
  readonly items: readonly I[];
  readonly resolve: (outputs: O[]) => void;
  readonly reject: (error: unknown) => void;
}

interface LaneState<I, O> {
  readonly lane: WriteLane<I, O>;
  readonly queue: Entry<I, O>[];
  queuedItems: number;
  draining: boolean;
  wake: (() => void) | undefined;
}

/**
 * Write coalescing. The first write to an idle lane opens a short window (`windowMs`) in
 * which others join; then the lane asks the rate limiter for a turn and, only once it has
 * one, cuts a batch of up to 10 records from the front of its queue. Cutting at the turn
 * rather than at the window's end means that while a base is busy the queue keeps filling,
 * and every request Airtable allows carries as many records as it can.
 *
 * A caller's records stay together in one request when they fit (up to 10); more than 10 are
 * split into chunks of 10. Each caller gets exactly its own outputs, or its own error.
 *
 * Failure isolation: Airtable rejects a write request as a whole (a 422 for one bad record
 * writes nothing), so when a batch of several callers fails in a way one caller's records can
 * cause, the batch is split in two and each half sent again, recursively, until the failing
 * caller is alone and gets the error while everyone else's records are written. Re-sending
 * is safe because nothing of the refused request was applied. Splitting in halves finds one
 * culprit among 10 callers in about 2·log2(10) requests instead of 10 one-caller requests.
 */
export function createWriteCoalescer<I, O>(options: {
  readonly executor: RequestExecutor;
  readonly clock: Clock;
  readonly windowMs: number;
  readonly metrics: AccessMetrics;
  readonly logger: AccessLogger | undefined;
}): WriteCoalescer<I, O> {
  const { executor, clock, windowMs, metrics, logger } = options;
  const lanes = new Map<string, LaneState<I, O>>();

  /** Takes entries from the front of the queue while they fit in one request. */
  function cutBatch(state: LaneState<I, O>): Entry<I, O>[] {
    const batch: Entry<I, O>[] = [];
    const keys = new Set<string>();
    let count = 0;
    for (let next = state.queue[0]; next !== undefined; next = state.queue[0]) {
      const nextKeys = state.lane.itemKey === undefined ? [] : next.items.map(state.lane.itemKey);
      if (count + next.items.length > MAX_RECORDS_PER_WRITE) break;
      if (nextKeys.some((key) => keys.has(key))) break;
      state.queue.shift();
      batch.push(next);
      count += next.items.length;
      for (const key of nextKeys) keys.add(key);
    }
    state.queuedItems -= count;
    metrics.batchSize.observe({ operation: state.lane.operation }, count);
    return batch;
  }

  async function afterChange(lane: WriteLane<I, O>): Promise<void> {
    try {
      await lane.changed();
    } catch (error) {
      // The write itself went through; failing its callers would invite a duplicate retry.
      logger?.warn({ err: error, base: lane.baseId }, 'cache invalidation after a write failed');
    }
  }

  async function settle(lane: WriteLane<I, O>, batch: Entry<I, O>[], outputs: readonly O[]) {
    await afterChange(lane);
    const expected = batch.reduce((sum, entry) => sum + entry.items.length, 0);
    if (outputs.length !== expected) {
      const error = airtableErrors.AIRTABLE_BAD_RESPONSE({
        what: `${outputs.length} records came back for ${expected} written`,
      });
      for (const entry of batch) entry.reject(error);
      return;
    }
    let start = 0;
    for (const entry of batch) {
      entry.resolve(outputs.slice(start, start + entry.items.length));
      start += entry.items.length;
    }
  }

  async function fail(lane: WriteLane<I, O>, batch: Entry<I, O>[], error: unknown, sent: boolean) {
    if (batch.length > 1 && lane.isolatable(error)) {
      const middle = Math.ceil(batch.length / 2);
      void send(lane, () => batch.slice(0, middle));
      void send(lane, () => batch.slice(middle));
      return;
    }
    // A refusal (4xx) changed nothing; anything else may have been applied before it failed.
    const status = airtableErrorDetails(error)?.status ?? 0;
    if (sent && !(status >= 400 && status < 500)) await afterChange(lane);
    for (const entry of batch) entry.reject(error);
  }

  /** Sends the batch `take` returns once the limiter grants the first attempt a turn. */
  function send(lane: WriteLane<I, O>, take: () => Entry<I, O>[]): Promise<void> {
    const cut = Promise.withResolvers<undefined>();
    let batch: Entry<I, O>[] | undefined;
    let sent = false;
    const taken = () => {
      if (batch === undefined) {
        batch = take();
        cut.resolve(undefined);
      }
      return batch;
    };
    executor
      .run({
        operation: lane.operation,
        baseId: lane.baseId,
        idempotent: lane.idempotent,
        send: () => {
          sent = true;
          return lane.send(taken().flatMap((entry) => entry.items));
        },
      })
      .then(
        (outputs) => settle(lane, taken(), outputs),
        (error: unknown) => fail(lane, taken(), error, sent),
      )
      .catch((error: unknown) => {
        for (const entry of taken()) entry.reject(error);
      });
    return cut.promise;
  }

  async function drain(laneKey: string, state: LaneState<I, O>): Promise<void> {
    state.draining = true;
    try {
      if (state.queuedItems < MAX_RECORDS_PER_WRITE) {
        await Promise.race([
          clock.sleep(windowMs),
          new Promise<void>((resolve) => {
            state.wake = resolve;
          }),
        ]);
        state.wake = undefined;
      }
      while (state.queue.length > 0) await send(state.lane, () => cutBatch(state));
    } finally {
      state.draining = false;
      lanes.delete(laneKey);
    }
  }

  async function submitChunks(state: LaneState<I, O>, items: readonly I[]): Promise<O[]> {
    const chunks: Promise<O[]>[] = [];
    for (let start = 0; start < items.length; start += MAX_RECORDS_PER_WRITE) {
      const chunk = items.slice(start, start + MAX_RECORDS_PER_WRITE);
      chunks.push(
        new Promise<O[]>((resolve, reject) => {
          state.queue.push({ items: chunk, resolve, reject });
        }),
      );
    }
    state.queuedItems += items.length;
    if (state.queuedItems >= MAX_RECORDS_PER_WRITE) state.wake?.();
    const settled = await Promise.allSettled(chunks);
    const written = settled.flatMap((result) =>
      result.status === 'fulfilled' ? result.value : [],
    );
    const failure = settled.find((result) => result.status === 'rejected');
    if (failure === undefined) return written;
    if (written.length === 0) throw failure.reason;
    throw airtableErrors.AIRTABLE_PARTIAL_WRITE(
      {
        written: written.length,
        total: items.length,
        writtenIds: written.map(state.lane.outputId),
        failure: failure.reason instanceof Error ? failure.reason.message : String(failure.reason),
      },
      failure.reason,
    );
  }

  return {
    submit(laneKey, lane, items) {
      if (items.length === 0) return Promise.resolve([]);
      let state = lanes.get(laneKey);
      if (state === undefined) {
        state = { lane, queue: [], queuedItems: 0, draining: false, wake: undefined };
        lanes.set(laneKey, state);
      }
      const result = submitChunks(state, items);
      if (!state.draining) void drain(laneKey, state);
      return result;
    },
  };
}

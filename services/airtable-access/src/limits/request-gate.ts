import type { RateLimit, SharedStore } from '@pyairtable/kit';
import type { Clock } from '../clock.ts';
import { airtableErrors } from '../errors/airtable-errors.ts';
import { storeKeys } from '../store-keys.ts';

/** Airtable's limits as the gate enforces them. */
export interface GateLimits {
  readonly perBasePerSecond: number;
  readonly perTokenPerSecond: number;
  /** How long a 429 pauses a base (Airtable: 30 s). */
  readonly penaltyMs: number;
  /** Longest a request may wait for its turn before it fails with AIRTABLE_QUEUE_FULL. */
  readonly maxQueueWaitMs: number;
}

/** Decides when each request may go to Airtable. */
export interface RequestGate {
  /**
   * Waits for the turn of one request to `baseId` (`undefined` for requests outside any base,
   * e.g. whoami) and resolves how long it waited. Rejects with AIRTABLE_QUEUE_FULL as soon as
   * the wait is known to exceed `maxQueueWaitMs`.
   */
  acquire(baseId: string | undefined): Promise<number>;
  /** Records a 429 in the store: every replica holds back that base (or the token) for the penalty. */
  penalize(baseId: string | undefined): Promise<void>;
}

/**
 * Airtable does not say whether its "5 per second" is a fixed window, a sliding one or a
 * bucket. Requests sent evenly, 10% under the rate, stay inside all three even when they
 * arrive out of step by tens of milliseconds, so a base's turns are spaced (no bursts).
 */
const HEADROOM = 1.1;

/**
 * The token's bucket allows a small burst, so concurrent requests to different bases rarely
 * wait for each other; at most `burst + 1000 / spacing` requests fit in any second, still
 * under the limit.
 */
const TOKEN_BURST = 5;

interface Waiter {
  readonly enqueuedAt: number;
  readonly deadline: number;
  readonly resolve: (waitedMs: number) => void;
  readonly reject: (error: unknown) => void;
}

interface Lane {
  readonly baseId: string | undefined;
  waiters: Waiter[];
  pumping: boolean;
  /** When the lane's pump wakes up next, while it sleeps. */
  wakeAt: number | undefined;
  /** When this replica last sent a request to the base. */
  lastGrantAt: number | undefined;
}

/**
 * The distributed limiter in front of Airtable. Turns come from token buckets in the shared
 * store (one per base, one per token), so all replicas together stay under Airtable's limits,
 * and a 429 penalty recorded in the store holds back every replica.
 *
 * Within a replica each base has its own FIFO lane with one pump asking the store for turns,
 * so waiting requests are served in order without each polling the store, and a busy or
 * penalized base never delays another.
 */
export function createRequestGate(options: {
  readonly store: SharedStore;
  readonly clock: Clock;
  /** Fingerprint of the token, for its limiter and pause keys. */
  readonly token: string;
  readonly limits: GateLimits;
}): RequestGate {
  const { store, clock, token, limits } = options;
  const baseRate: RateLimit = { limit: 1, windowMs: (1000 * HEADROOM) / limits.perBasePerSecond };
  const tokenSpacingMs = (1000 * HEADROOM) / limits.perTokenPerSecond;
  const tokenBurst = Math.max(1, Math.min(TOKEN_BURST, Math.floor(limits.perTokenPerSecond / 10)));
  const tokenRate: RateLimit = { limit: tokenBurst, windowMs: tokenBurst * tokenSpacingMs };
  // Lanes are kept while idle: one small object per base this token has used, and it
  // remembers when the base was last sent to.
  const lanes = new Map<string, Lane>();

  const spacing = (lane: Lane) => (lane.baseId === undefined ? tokenSpacingMs : baseRate.windowMs);
  const laneName = (lane: Lane) => (lane.baseId === undefined ? 'token' : `base ${lane.baseId}`);

  function queueFull(lane: Lane, waiter: Waiter, moreMs: number): Error {
    return airtableErrors.AIRTABLE_QUEUE_FULL({
      lane: laneName(lane),
      waitedMs: clock.now() - waiter.enqueuedAt,
      moreMs,
      maxQueueWaitMs: limits.maxQueueWaitMs,
    });
  }

  async function pausedForMs(baseId: string | undefined): Promise<number> {
    const keys = [storeKeys.tokenPause(token)];
    if (baseId !== undefined) keys.push(storeKeys.basePause(baseId));
    const until = await Promise.all(keys.map((key) => store.get(key)));
    const now = clock.now();
    return Math.max(0, ...until.map((value) => (typeof value === 'number' ? value - now : 0)));
  }

  /** Takes a turn for one request: 0 when taken, otherwise how long to wait before asking again. */
  async function takeTurn(lane: Lane): Promise<number> {
    const { baseId } = lane;
    const pausedMs = await pausedForMs(baseId);
    if (pausedMs > 0) return pausedMs;
    if (baseId !== undefined) {
      const base = await store.consume(storeKeys.baseLimit(baseId), baseRate);
      if (!base.allowed) return base.retryAfterMs;
    }
    let tokenTurn = await store.consume(storeKeys.tokenLimit(token), tokenRate);
    if (baseId === undefined) return tokenTurn.retryAfterMs;
    // The base turn is held while the token is busy (other bases), rather than given up.
    while (!tokenTurn.allowed) {
      await clock.sleep(tokenTurn.retryAfterMs);
      tokenTurn = await store.consume(storeKeys.tokenLimit(token), tokenRate);
    }
    // A turn held that way is spent late, maybe just before the next one: never send to a
    // base sooner after the previous request than its spacing.
    const spacedUntil = (lane.lastGrantAt ?? -Infinity) + baseRate.windowMs;
    if (clock.now() < spacedUntil) await clock.sleep(spacedUntil - clock.now());
    return 0;
  }

  /** Fails, now, the waiters that cannot get a turn before their deadline. */
  function dropHopeless(lane: Lane, waitMs: number): void {
    const now = clock.now();
    const kept: Waiter[] = [];
    for (const waiter of lane.waiters) {
      const moreMs = waitMs + kept.length * spacing(lane);
      if (now + moreMs > waiter.deadline) waiter.reject(queueFull(lane, waiter, moreMs));
      else kept.push(waiter);
    }
    lane.waiters = kept;
  }

  async function pump(lane: Lane): Promise<void> {
    lane.pumping = true;
    try {
      while (lane.waiters.length > 0) {
        const waitMs = await takeTurn(lane);
        if (waitMs === 0) {
          lane.lastGrantAt = clock.now();
          const waiter = lane.waiters.shift();
          waiter?.resolve(clock.now() - waiter.enqueuedAt);
          continue;
        }
        dropHopeless(lane, waitMs);
        if (lane.waiters.length === 0) break;
        lane.wakeAt = clock.now() + waitMs;
        await clock.sleep(waitMs);
        lane.wakeAt = undefined;
      }
    } catch (error) {
      // The store failed: every waiter would meet the same failure, so none is left hanging.
      for (const waiter of lane.waiters.splice(0)) waiter.reject(error);
    } finally {
      lane.pumping = false;
      lane.wakeAt = undefined;
    }
  }

  return {
    acquire(baseId) {
      const key = baseId ?? '';
      let lane = lanes.get(key);
      if (lane === undefined) {
        lane = { baseId, waiters: [], pumping: false, wakeAt: undefined, lastGrantAt: undefined };
        lanes.set(key, lane);
      }
      const current = lane;
      return new Promise<number>((resolve, reject) => {
        const now = clock.now();
        const waiter = { enqueuedAt: now, deadline: now + limits.maxQueueWaitMs, resolve, reject };
        if (current.wakeAt !== undefined) {
          // The lane is asleep (e.g. a 30 s penalty): refuse now rather than at its wake-up.
          const moreMs = current.wakeAt - now + current.waiters.length * spacing(current);
          if (now + moreMs > waiter.deadline) {
            reject(queueFull(current, waiter, moreMs));
            return;
          }
        }
        current.waiters.push(waiter);
        if (!current.pumping) void pump(current);
      });
    },

    async penalize(baseId) {
      const key = baseId === undefined ? storeKeys.tokenPause(token) : storeKeys.basePause(baseId);
      await store.set(key, clock.now() + limits.penaltyMs, limits.penaltyMs);
    },
  };
}

import { setTimeout as delay } from 'node:timers/promises';

/**
 * Where the access layer gets time from. Waiting (limiter queues, 30 s penalties, backoff,
 * batch windows) all goes through `sleep`, so tests can run minutes of Airtable's time in
 * milliseconds with a fake clock. Pass the same `now` to the store so limiter and pause
 * entries age on the same timeline.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => delay(ms),
};

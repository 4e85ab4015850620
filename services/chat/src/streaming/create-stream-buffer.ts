import type { SharedStore } from '@pyairtable/kit';
import { readStream } from './read-stream.ts';
import { createSerialByKey } from './serial-by-key.ts';
import type { StreamBuffer, StreamEvent } from './stream-buffer.ts';
import { storedEvent, streamKeys } from './stream-storage.ts';

/** Options of {@link createStreamBuffer}. */
export interface StreamBufferOptions {
  /** Redis with several replicas, so a client may resume in any of them; else in-process. */
  readonly store: SharedStore;
  /** How long an event stays readable after it is appended (default 10 minutes). */
  readonly ttlMs?: number;
  /**
   * The most events one stream keeps (default 10,000); appending more rejects with a
   * RangeError rather than drop events a resuming client would then silently miss.
   */
  readonly maxEvents?: number;
  /**
   * The longest a stream keeps appending (default 1 hour). The id counter cannot be renewed,
   * so it lives this long plus `ttlMs` from the first append; a stream appending for longer
   * would start its ids again.
   */
  readonly maxStreamMs?: number;
  /** How often an idle reader checks the store, in case a notice was lost (default 1 s). */
  readonly pollIntervalMs?: number;
}

const DEFAULT_TTL_MS = 10 * 60_000;
const DEFAULT_MAX_EVENTS = 10_000;
const DEFAULT_MAX_STREAM_MS = 60 * 60_000;
const DEFAULT_POLL_INTERVAL_MS = 1_000;
// Bounds what one reader holds for a slow client; further events wait in the store.
const MAX_PENDING_PER_READER = 256;

/**
 * A {@link StreamBuffer} in `store`. Appends to one stream must come from one process (the one
 * running the generation); within it they are serialised, so event n is stored before id n+1
 * is handed out, which is what lets readers tell a lost event from one being written.
 * A reader that arrives before the first append or `finish` finds an unknown stream and ends.
 */
export function createStreamBuffer(options: StreamBufferOptions): StreamBuffer {
  const { store } = options;
  const ttlMs = positive('ttlMs', options.ttlMs ?? DEFAULT_TTL_MS);
  const maxEvents = positive('maxEvents', options.maxEvents ?? DEFAULT_MAX_EVENTS);
  const pollIntervalMs = positive(
    'pollIntervalMs',
    options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
  );
  // The counter and the marker outlive every event, so a reader never takes a stream whose
  // events expired for one still running and waits on it.
  const metaTtlMs = ttlMs + positive('maxStreamMs', options.maxStreamMs ?? DEFAULT_MAX_STREAM_MS);
  const serial = createSerialByKey();

  return {
    append: (streamId, event) =>
      serial(streamId, async () => {
        const keys = streamKeys(streamId);
        const id = await store.increment(keys.lastId, 1, metaTtlMs);
        if (id > maxEvents) {
          throw new RangeError(`stream ${streamId} already holds its ${maxEvents} events`);
        }
        const appended: StreamEvent = { id: String(id), event: event.event, data: event.data };
        await store.set(keys.event(id), storedEvent(appended), ttlMs);
        await store.publish(keys.channel, { type: 'event', event: storedEvent(appended) });
        return appended;
      }),

    finish: (streamId) =>
      serial(streamId, async () => {
        const keys = streamKeys(streamId);
        const counter = await store.get(keys.lastId);
        const lastId = Math.min(typeof counter === 'number' ? counter : 0, maxEvents);
        await store.set(keys.finished, lastId, metaTtlMs);
        await store.publish(keys.channel, { type: 'finished', lastId });
      }),

    read: (streamId, readOptions = {}) =>
      readStream({
        store,
        streamId,
        afterId: readOptions.afterId,
        signal: readOptions.signal,
        pollIntervalMs,
        maxPending: MAX_PENDING_PER_READER,
        maxEvents,
      }),
  };
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive number, got ${value}`);
  }
  return value;
}

import type { SharedStore } from '@pyairtable/kit';
import type { StreamEvent } from './stream-buffer.ts';
import { parseNotice, parseStoredEvent, streamKeys } from './stream-storage.ts';

/** What {@link readStream} needs. */
export interface ReadStreamOptions {
  readonly store: SharedStore;
  readonly streamId: string;
  readonly afterId?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  /** How often a reader that heard nothing checks the store itself. */
  readonly pollIntervalMs: number;
  /** The most pushed events a reader holds ahead of its consumer; later ones it fetches. */
  readonly maxPending: number;
  /** The buffer's cap on ids a stream keeps: ids above it were refused, never stored. */
  readonly maxEvents: number;
}

/**
 * The stream's events after `afterId`, then live ones, until the stream is finished, is
 * unknown or expired, or `signal` aborts.
 *
 * The reader subscribes before it reads anything, so no event can fall between its replay and
 * its live part. Pub/sub is at most once, so a pushed event is a shortcut, never the source of
 * truth: any id the reader lacks it fetches from the event's own key, and when it hears
 * nothing for `pollIntervalMs` it checks the counter and the finished marker itself, so a lost
 * message delays a reader but never stalls or skips it. Ids are consecutive and appends to a
 * stream are serialised, so a missing key below the last id handed out (or below the finished
 * marker's) is an expired event, skipped; one missing at the last id is still being written.
 */
export async function* readStream(options: ReadStreamOptions): AsyncGenerator<StreamEvent> {
  const { store, signal, pollIntervalMs, maxPending, maxEvents } = options;
  const keys = streamKeys(options.streamId);
  let next = parseAfterId(options.afterId) + 1;
  // A function rather than a property test: TypeScript would keep `aborted` narrowed across awaits.
  const aborted = (): boolean => signal?.aborted === true;
  if (aborted()) return;

  // Pushed events not yet yielded, by id; only ids at or after `next`, and at most maxPending.
  const pending = new Map<number, StreamEvent>();
  let lastAssigned = 0;
  let finishedAt: number | undefined;
  let heard = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    heard = true;
    wake?.();
  };

  const unsubscribe = await store.subscribe(keys.channel, (message) => {
    const notice = parseNotice(message);
    if (notice === undefined) return;
    if (notice.type === 'finished') {
      finishedAt = notice.lastId;
    } else {
      const id = Number(notice.event.id);
      lastAssigned = Math.max(lastAssigned, id);
      if (id >= next && pending.size < maxPending) pending.set(id, notice.event);
    }
    notify();
  });
  signal?.addEventListener('abort', notify);

  const sleep = (): Promise<void> =>
    new Promise<void>((resolve) => {
      // Something arrived while this reader was busy: look again before sleeping.
      if (heard) {
        resolve();
        return;
      }
      const done = (): void => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, pollIntervalMs);
      wake = done;
    });

  const advance = (): void => {
    pending.delete(next);
    next += 1;
  };

  try {
    // Whether the counter and marker were read since the reader last slept.
    let checked = false;
    for (;;) {
      heard = false;
      if (aborted()) return;
      const pushed = pending.get(next);
      if (pushed !== undefined) {
        advance();
        yield pushed;
        continue;
      }
      const last = Math.min(finishedAt ?? lastAssigned, maxEvents);
      if (next <= last) {
        const stored = parseStoredEvent(await store.get(keys.event(next)));
        if (aborted()) return;
        if (stored !== undefined) {
          advance();
          yield stored;
          continue;
        }
        if (finishedAt !== undefined || next < lastAssigned) {
          advance();
          continue;
        }
      } else if (finishedAt !== undefined) {
        return;
      }
      if (!checked) {
        const [counter, marker] = await Promise.all([
          store.get(keys.lastId),
          store.get(keys.finished),
        ]);
        if (aborted()) return;
        if (counter === undefined && marker === undefined) return;
        if (typeof counter === 'number') lastAssigned = Math.max(lastAssigned, counter);
        if (typeof marker === 'number') finishedAt = marker;
        checked = true;
        continue;
      }
      await sleep();
      checked = false;
    }
  } finally {
    signal?.removeEventListener('abort', notify);
    pending.clear();
    await unsubscribe();
  }
}

/** `Last-Event-ID` as a number; absent means from the start. */
function parseAfterId(afterId: string | undefined): number {
  if (afterId === undefined) return 0;
  const parsed = Number(afterId);
  if (!/^(0|[1-9][0-9]*)$/.test(afterId) || !Number.isSafeInteger(parsed)) {
    throw new RangeError(`afterId must be an event id such as "12", got "${afterId}"`);
  }
  return parsed;
}

import type { JsonValue } from '@pyairtable/kit';
import type { StreamEvent, StreamEventName } from './stream-buffer.ts';

/**
 * Where one stream lives in the shared store. Each event has a key of its own (so a reader
 * fetches exactly the ids it lacks and each expires on its own clock), a counter assigns ids,
 * a marker says the stream ended and at which id, and a channel announces every change.
 */
export interface StreamKeys {
  /** The id counter: its value is the last id handed out. */
  readonly lastId: string;
  /** Present once the stream is finished; holds the last id it kept. */
  readonly finished: string;
  readonly event: (id: number) => string;
  readonly channel: string;
}

/** The keys of stream `streamId`. */
export function streamKeys(streamId: string): StreamKeys {
  const base = `chat:stream:${streamId}`;
  return {
    lastId: `${base}:last-id`,
    finished: `${base}:finished`,
    event: (id) => `${base}:event:${String(id)}`,
    channel: `${base}:notices`,
  };
}

/** What the channel carries: an event as appended (saving readers a fetch), or the end. */
export type StreamNotice =
  | { readonly type: 'event'; readonly event: StreamEvent }
  | { readonly type: 'finished'; readonly lastId: number };

/** `event` in the shape the store keeps it and the channel carries it. */
export function storedEvent(event: StreamEvent): JsonValue {
  return { id: event.id, event: event.event, data: event.data };
}

const EVENT_NAMES: ReadonlySet<string> = new Set<StreamEventName>([
  'message.started',
  'message.delta',
  'tool.call',
  'tool.result',
  'message.completed',
  'error',
]);

function isEventName(name: string): name is StreamEventName {
  return EVENT_NAMES.has(name);
}

function isRecord(value: JsonValue | undefined): value is { readonly [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A stored event, or `undefined` for an absent key or anything else: the store is shared, and
 * a value of the wrong shape must not reach a client as an event.
 */
export function parseStoredEvent(value: JsonValue | undefined): StreamEvent | undefined {
  if (!isRecord(value)) return undefined;
  const { id, event, data } = value;
  if (typeof id !== 'string' || typeof event !== 'string' || !isEventName(event)) return undefined;
  if (data === undefined) return undefined;
  return { id, event, data };
}

/** A channel message as a notice, or `undefined` when it is not one. */
export function parseNotice(message: JsonValue): StreamNotice | undefined {
  if (!isRecord(message)) return undefined;
  if (message.type === 'finished' && typeof message.lastId === 'number') {
    return { type: 'finished', lastId: message.lastId };
  }
  if (message.type !== 'event') return undefined;
  const event = parseStoredEvent(message.event);
  return event === undefined ? undefined : { type: 'event', event };
}

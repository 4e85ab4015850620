import type { JsonValue } from '@pyairtable/kit';

/** The SSE event names a generation streams. */
export type StreamEventName =
  /** First of every stream: the ids of the question and of the answer being written. */
  'message.started' | 'message.delta' | 'tool.call' | 'tool.result' | 'message.completed' | 'error';

/** One event of a generation's stream. */
export interface StreamEvent {
  /** Increasing within the stream ("1", "2", …): what SSE sends as `id:` and gets back as `Last-Event-ID`. */
  readonly id: string;
  readonly event: StreamEventName;
  readonly data: JsonValue;
}

/**
 * A generation's events, kept for a while after they are sent so a client that lost its
 * connection can resume from `Last-Event-ID` with nothing missing and nothing repeated, in any
 * replica (Redis) or in this process (memory store).
 */
export interface StreamBuffer {
  /** Adds an event and gives it the next id. */
  append(
    streamId: string,
    event: { readonly event: StreamEventName; readonly data: JsonValue },
  ): Promise<StreamEvent>;
  /** Marks the stream ended: readers get what remains, then stop. */
  finish(streamId: string): Promise<void>;
  /**
   * The events after `afterId` (all without it), then the live ones as they are appended,
   * until the stream is finished or `signal` aborts. Unknown or expired streams end at once.
   */
  read(
    streamId: string,
    options?: { readonly afterId?: string; readonly signal?: AbortSignal },
  ): AsyncIterable<StreamEvent>;
}

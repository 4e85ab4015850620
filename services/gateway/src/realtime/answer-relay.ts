import { chatEventFrame } from './chat-event-frames.ts';
import type { StreamIdentity } from './chat-event-frames.ts';
import type { ChatCall, ChatUpstream } from './chat-upstream.ts';
import { realtimeErrors } from './realtime-errors.ts';
import type { ServerFrame } from './server-frames.ts';
import type { SseEvent } from './sse-parser.ts';

/** What {@link relayAnswer} works with. */
export interface RelayOptions {
  readonly chat: ChatUpstream;
  readonly call: ChatCall;
  readonly identity: StreamIdentity;
  /** The last event the client already has; later ones only are sent. */
  readonly lastEventId: number;
  readonly send: (frame: ServerFrame) => void;
  /** Told the answer's id as soon as the stream names it. */
  readonly onMessageId: (messageId: string) => void;
}

/**
 * Sends an answer's stream to the client frame by frame until `message.completed`. A stream
 * that ends early (chat restarted, or the stream had expired in chat's buffer) is settled by
 * reading the stored message: a finished one becomes the final `chat.message`, one still being
 * written a 502 `GW_WS_STREAM_INTERRUPTED` that tells the client to resume. Throws what chat
 * or the stream threw; an abort of `call.signal` ends it quietly via that throw.
 */
export async function relayAnswer(
  events: AsyncIterable<SseEvent>,
  options: RelayOptions,
): Promise<void> {
  const { send } = options;
  let identity = options.identity;
  let lastEventId = options.lastEventId;
  for await (const event of events) {
    const step = chatEventFrame(event, identity);
    if (step.kind === 'ignored') continue;
    if (step.kind === 'invalid') throw realtimeErrors.GW_WS_UPSTREAM_PROTOCOL(step);
    // chat replays exactly from Last-Event-ID; this only guards the client's promise of no repeats.
    if (step.eventId <= lastEventId) continue;
    if (identity.messageId === undefined) {
      identity = { ...identity, messageId: step.messageId };
      options.onMessageId(step.messageId);
    }
    lastEventId = step.eventId;
    send(step.frame);
    if (step.completed) return;
  }
  options.call.signal.throwIfAborted();
  const { sessionId, messageId } = identity;
  if (messageId === undefined) throw realtimeErrors.GW_WS_STREAM_INTERRUPTED({ lastEventId });
  const stored = await options.chat.message(options.call, sessionId, messageId);
  if ((stored as { status?: unknown } | null)?.status === 'streaming') {
    throw realtimeErrors.GW_WS_STREAM_INTERRUPTED({ lastEventId });
  }
  send({ type: 'chat.message', sessionId, messageId, message: stored });
}

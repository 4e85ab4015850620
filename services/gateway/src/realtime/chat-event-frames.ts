import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type { SseEvent } from './sse-parser.ts';
import type { ServerFrame } from './server-frames.ts';

// The data of chat's stream events, as chat's message routes document them.
const StartedData = Type.Object({
  sessionId: Type.String(),
  questionId: Type.String(),
  answerId: Type.String(),
});
const DeltaData = Type.Object({ text: Type.String() });
const ToolCallData = Type.Object({
  id: Type.String(),
  name: Type.String(),
  arguments: Type.Record(Type.String(), Type.Unknown()),
});
const ToolResultData = Type.Object({
  id: Type.String(),
  name: Type.String(),
  outcome: Type.String(),
  durationMs: Type.Number(),
});
const ErrorData = Type.Object({
  status: Type.Union([Type.Literal('failed'), Type.Literal('cancelled')]),
  message: Type.String(),
});

const started = Compile(StartedData);
const delta = Compile(DeltaData);
const toolCall = Compile(ToolCallData);
const toolResult = Compile(ToolResultData);
const streamError = Compile(ErrorData);

/** The answer a stream is about, as far as the gateway knows it so far. */
export interface StreamIdentity {
  readonly sessionId: string;
  /** Unknown on a new question until its `message.started`. */
  readonly messageId: string | undefined;
  readonly requestId: string | undefined;
}

/** What one of chat's stream events becomes on the WebSocket. */
export type StreamStep =
  | {
      readonly kind: 'frame';
      readonly frame: ServerFrame;
      readonly eventId: number;
      /** Set by `message.started`: the answer this stream is about. */
      readonly messageId: string;
      /** `message.completed`: nothing follows. */
      readonly completed: boolean;
    }
  /** An event this gateway does not know (a newer chat): left out rather than guessed at. */
  | { readonly kind: 'ignored' }
  | { readonly kind: 'invalid'; readonly reason: string };

/** Translates one event of chat's answer stream into the frame a WebSocket client gets. */
export function chatEventFrame(event: SseEvent, stream: StreamIdentity): StreamStep {
  const eventId = Number(event.lastEventId);
  if (!Number.isSafeInteger(eventId) || eventId < 1) {
    return { kind: 'invalid', reason: `event id "${event.lastEventId}" is not a positive integer` };
  }
  let data: unknown;
  try {
    data = JSON.parse(event.data);
  } catch {
    return { kind: 'invalid', reason: `${event.event} ${String(eventId)} is not JSON` };
  }
  const invalid = (): StreamStep => ({
    kind: 'invalid',
    reason: `${event.event} ${String(eventId)} does not have the expected data`,
  });
  if (event.event === 'message.started') {
    if (!started.Check(data)) return invalid();
    return {
      kind: 'frame',
      eventId,
      messageId: data.answerId,
      completed: false,
      frame: {
        type: 'chat.started',
        ...(stream.requestId === undefined ? {} : { requestId: stream.requestId }),
        sessionId: data.sessionId,
        messageId: data.answerId,
        questionId: data.questionId,
        eventId,
      },
    };
  }
  const { sessionId, messageId } = stream;
  if (messageId === undefined) {
    return {
      kind: 'invalid',
      reason: `${event.event} ${String(eventId)} came before message.started`,
    };
  }
  const step = (frame: ServerFrame, completed = false): StreamStep => ({
    kind: 'frame',
    eventId,
    messageId,
    completed,
    frame,
  });
  const about = { sessionId, messageId, eventId };
  switch (event.event) {
    case 'message.delta':
      return delta.Check(data)
        ? step({ type: 'chat.stream', ...about, delta: data.text })
        : invalid();
    case 'tool.call':
      return toolCall.Check(data)
        ? step({ type: 'chat.tool', ...about, phase: 'call', ...data })
        : invalid();
    case 'tool.result':
      return toolResult.Check(data)
        ? step({ type: 'chat.tool', ...about, phase: 'result', ...data })
        : invalid();
    case 'error':
      return streamError.Check(data)
        ? step({ type: 'chat.error', ...about, status: data.status, message: data.message })
        : invalid();
    case 'message.completed':
      return step({ type: 'chat.message', ...about, message: data }, true);
    default:
      return { kind: 'ignored' };
  }
}

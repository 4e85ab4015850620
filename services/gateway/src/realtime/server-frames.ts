import { Type } from 'typebox';
import type { Static } from 'typebox';

/** Where in an answer's stream a frame comes from: chat's SSE `id`, 1 for the first event. */
const EventId = Type.Integer({ minimum: 1 });
const RequestId = Type.Optional(Type.String());

/** A session was opened for a `chat.message` that named a workspace and no session. */
export const ChatSessionFrameSchema = Type.Object({
  type: Type.Literal('chat.session'),
  requestId: RequestId,
  sessionId: Type.String(),
});

/**
 * The answer has begun: `messageId` is what `chat.resume` needs, so a client that loses the
 * connection before any text arrives can still pick the answer up.
 */
export const ChatStartedFrameSchema = Type.Object({
  type: Type.Literal('chat.started'),
  requestId: RequestId,
  sessionId: Type.String(),
  messageId: Type.String(),
  questionId: Type.String(),
  eventId: EventId,
});

/** A piece of the answer's text, in order. */
export const ChatStreamFrameSchema = Type.Object({
  type: Type.Literal('chat.stream'),
  sessionId: Type.String(),
  messageId: Type.String(),
  eventId: EventId,
  delta: Type.String(),
});

/** A tool the model called (`call`), and how the call went (`result`). */
export const ChatToolFrameSchema = Type.Union([
  Type.Object({
    type: Type.Literal('chat.tool'),
    sessionId: Type.String(),
    messageId: Type.String(),
    eventId: EventId,
    phase: Type.Literal('call'),
    id: Type.String(),
    name: Type.String(),
    arguments: Type.Record(Type.String(), Type.Unknown()),
  }),
  Type.Object({
    type: Type.Literal('chat.tool'),
    sessionId: Type.String(),
    messageId: Type.String(),
    eventId: EventId,
    phase: Type.Literal('result'),
    id: Type.String(),
    name: Type.String(),
    outcome: Type.String(),
    durationMs: Type.Number(),
  }),
]);

/**
 * The last frame of an answer: the message as chat stored it (`status` complete, failed or
 * cancelled). `eventId` is absent only when the stream had expired and the gateway read the
 * stored message instead.
 */
export const ChatMessageFrameSchema = Type.Object({
  type: Type.Literal('chat.message'),
  sessionId: Type.String(),
  messageId: Type.String(),
  eventId: Type.Optional(EventId),
  message: Type.Unknown({ description: "The message as chat's API returns it." }),
});

/**
 * Something went wrong with a chat request or an answer. `status` is an HTTP status when a
 * request was refused or chat could not be reached (401, 404, 409, 429, 502, 503…), and
 * `failed` or `cancelled` when it comes from the answer's own stream (a `chat.message` with
 * that status follows).
 */
export const ChatErrorFrameSchema = Type.Object({
  type: Type.Literal('chat.error'),
  requestId: RequestId,
  sessionId: Type.Optional(Type.String()),
  messageId: Type.Optional(Type.String()),
  eventId: Type.Optional(EventId),
  status: Type.Union([Type.Integer(), Type.Literal('failed'), Type.Literal('cancelled')]),
  /** The problem code (`CHAT_SESSION_NOT_FOUND`, `GW_UPSTREAM_UNREACHABLE`…) when there is one. */
  code: Type.Optional(Type.String()),
  message: Type.String(),
});

/** A client message the gateway could not take; the connection stays open. */
export const ErrorFrameSchema = Type.Object({
  type: Type.Literal('error'),
  requestId: RequestId,
  code: Type.Union([
    Type.Literal('GW_WS_INVALID_JSON'),
    Type.Literal('GW_WS_UNKNOWN_TYPE'),
    Type.Literal('GW_WS_INVALID_MESSAGE'),
    Type.Literal('GW_WS_TOO_MANY_STREAMS'),
  ]),
  message: Type.String(),
});

/** The answer to `{type: 'ping'}`. */
export const PongFrameSchema = Type.Object({ type: Type.Literal('pong') });

/** Everything the gateway sends on `/ws`, one JSON object per text message. */
export const ServerFrameSchema = Type.Union([
  ChatSessionFrameSchema,
  ChatStartedFrameSchema,
  ChatStreamFrameSchema,
  ChatToolFrameSchema,
  ChatMessageFrameSchema,
  ChatErrorFrameSchema,
  ErrorFrameSchema,
  PongFrameSchema,
]);

export type ChatErrorFrame = Static<typeof ChatErrorFrameSchema>;
export type ErrorFrame = Static<typeof ErrorFrameSchema>;
export type ServerFrame = Static<typeof ServerFrameSchema>;

/** Close codes of `/ws` besides the standard ones. */
export const CloseCodes = {
  /** The access token expired (or was refused): reconnect with a fresh one, then resume. */
  unauthenticated: 4401,
  /** The gateway is shutting down (1001, "going away"): reconnect, then resume. */
  goingAway: 1001,
} as const;

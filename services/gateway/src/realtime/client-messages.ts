import { Type } from 'typebox';
import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import type { ErrorFrame } from './server-frames.ts';

const Id = Type.String({ minLength: 1, maxLength: 64 });
/** The client's own correlation id, echoed on the frames that answer it. */
const RequestId = Type.Optional(Type.String({ minLength: 1, maxLength: 128 }));

/** Ask a question: in `sessionId`, or in a new session of `workspaceId` when there is none. */
export const ChatMessageRequestSchema = Type.Object(
  {
    type: Type.Literal('chat.message'),
    requestId: RequestId,
    sessionId: Type.Optional(Id),
    /** Used only without `sessionId`: the workspace to open a session in. */
    workspaceId: Type.Optional(Id),
    content: Type.String({ minLength: 1, maxLength: 20_000 }),
  },
  { additionalProperties: false },
);

/** Pick an answer's stream up again after the last event the client saw (0: from the start). */
export const ChatResumeRequestSchema = Type.Object(
  {
    type: Type.Literal('chat.resume'),
    requestId: RequestId,
    sessionId: Id,
    messageId: Id,
    lastEventId: Type.Integer({ minimum: 0, maximum: 999_999_999_999 }),
  },
  { additionalProperties: false },
);

/** Stop the answer the session is writing; its stream ends with `chat.message` (cancelled). */
export const ChatCancelRequestSchema = Type.Object(
  { type: Type.Literal('chat.cancel'), requestId: RequestId, sessionId: Id },
  { additionalProperties: false },
);

/** An application-level ping for clients (browsers) that cannot see WebSocket pings. */
export const PingRequestSchema = Type.Object(
  { type: Type.Literal('ping') },
  { additionalProperties: false },
);

/** Everything a client may send on `/ws`, one JSON object per text message. */
export const ClientMessageSchema = Type.Union([
  ChatMessageRequestSchema,
  ChatResumeRequestSchema,
  ChatCancelRequestSchema,
  PingRequestSchema,
]);

export type ChatMessageRequest = Static<typeof ChatMessageRequestSchema>;
export type ChatResumeRequest = Static<typeof ChatResumeRequestSchema>;
export type ChatCancelRequest = Static<typeof ChatCancelRequestSchema>;
export type ClientMessage = Static<typeof ClientMessageSchema>;

// One validator per type, so an invalid message is told what is wrong with it rather than
// that it matches none of four shapes.
const validators: ReadonlyMap<string, ReturnType<typeof Compile<TSchema>>> = new Map(
  ClientMessageSchema.anyOf.map((schema) => [schema.properties.type.const, Compile(schema)]),
);

/** A client message, or the error frame that explains why it was refused. */
export type ParsedClientMessage =
  | { readonly ok: true; readonly message: ClientMessage }
  | { readonly ok: false; readonly error: ErrorFrame };

/** Parses and validates one text message from a client. Never throws. */
export function parseClientMessage(text: string): ParsedClientMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refuse('GW_WS_INVALID_JSON', 'A message must be one JSON object.', undefined);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refuse('GW_WS_INVALID_JSON', 'A message must be one JSON object.', undefined);
  }
  const fields = value as Record<string, unknown>;
  const requestId =
    typeof fields['requestId'] === 'string' && fields['requestId'].length <= 128
      ? fields['requestId']
      : undefined;
  const type = fields['type'];
  const validator = typeof type === 'string' ? validators.get(type) : undefined;
  if (validator === undefined) {
    return refuse(
      'GW_WS_UNKNOWN_TYPE',
      `"type" must be one of ${[...validators.keys()].join(', ')}.`,
      requestId,
    );
  }
  const [problem] = validator.Errors(value);
  if (problem !== undefined) {
    const where = problem.instancePath === '' ? String(type) : problem.instancePath.slice(1);
    // An extra field fails as `additionalProperties: false`, which TypeBox words "schema is false".
    const what =
      problem.schemaPath.endsWith('/additionalProperties') && problem.keyword === 'boolean'
        ? `is not a field of ${String(type)}`
        : problem.message;
    return refuse('GW_WS_INVALID_MESSAGE', `${where}: ${what}.`, requestId);
  }
  const message = value as ClientMessage;
  if (
    message.type === 'chat.message' &&
    message.sessionId === undefined &&
    message.workspaceId === undefined
  ) {
    return refuse(
      'GW_WS_INVALID_MESSAGE',
      'chat.message needs a sessionId, or a workspaceId to open a session in.',
      requestId,
    );
  }
  return { ok: true, message };
}

function refuse(
  code: ErrorFrame['code'],
  message: string,
  requestId: string | undefined,
): ParsedClientMessage {
  return {
    ok: false,
    error: { type: 'error', code, message, ...(requestId === undefined ? {} : { requestId }) },
  };
}

import { Type } from 'typebox';
import type { Static } from 'typebox';
import { problemResponse } from '@pyairtable/kit';

/** A session as the API shows it. */
export const SessionSchema = Type.Object({
  id: Type.String(),
  workspaceId: Type.String(),
  title: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  lastMessageAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const SessionListSchema = Type.Object({ sessions: Type.Array(SessionSchema) });

const ToolCallSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  arguments: Type.Record(Type.String(), Type.Unknown()),
  outcome: Type.Union([
    Type.Literal('ok'),
    Type.Literal('error'),
    Type.Literal('timeout'),
    Type.Literal('refused'),
  ]),
  durationMs: Type.Integer(),
  preview: Type.String({
    description: "The result's JSON (or error text), cut to 500 characters with an ellipsis.",
  }),
});

const UsageSchema = Type.Object({
  promptTokens: Type.Integer(),
  outputTokens: Type.Integer(),
  thoughtsTokens: Type.Integer(),
  totalTokens: Type.Integer(),
});

/** A message as the API (and the stream's message.completed event) shows it. */
export const MessageSchema = Type.Object({
  id: Type.String(),
  sessionId: Type.String(),
  role: Type.Union([Type.Literal('user'), Type.Literal('assistant')]),
  content: Type.String(),
  status: Type.Union([
    Type.Literal('streaming'),
    Type.Literal('complete'),
    Type.Literal('failed'),
    Type.Literal('cancelled'),
  ]),
  toolCalls: Type.Array(ToolCallSchema),
  usage: Type.Union([UsageSchema, Type.Null()]),
  costUsd: Type.Union([Type.Number(), Type.Null()]),
  model: Type.Union([Type.String(), Type.Null()]),
  provider: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const MessageListSchema = Type.Object({ messages: Type.Array(MessageSchema) });

/** The question and the answer it got, for the non-streaming variant. */
export const ExchangeSchema = Type.Object({ question: MessageSchema, answer: MessageSchema });

export const CreateSessionSchema = Type.Object(
  {
    workspaceId: Type.String({ minLength: 1, maxLength: 64 }),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const RenameSessionSchema = Type.Object(
  { title: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const SendMessageSchema = Type.Object(
  { content: Type.String({ minLength: 1, maxLength: 20_000 }) },
  { additionalProperties: false },
);

export const SessionParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const MessageParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  messageId: Type.String({ minLength: 1, maxLength: 64 }),
});
export const ListSessionsQuery = Type.Object(
  {
    workspaceId: Type.String({ minLength: 1, maxLength: 64 }),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);
export const ListMessagesQuery = Type.Object(
  { limit: Type.Integer({ minimum: 1, maximum: 500, default: 200 }) },
  { additionalProperties: false },
);

export const UsageQuery = Type.Object(
  { workspaceId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

/** Today's usage against the quotas that refuse questions. */
export const UsageTodaySchema = Type.Object({
  day: Type.String({ format: 'date', description: 'The UTC day counted.' }),
  tokens: Type.Object({
    used: Type.Integer({ description: 'LLM tokens the organisation spent today (UTC).' }),
    limit: Type.Integer({ description: 'llmTokensPerDay of the organisation.' }),
    resetsAt: Type.String({ format: 'date-time', description: 'The next UTC midnight.' }),
  }),
  requests: Type.Object({
    today: Type.Integer({ description: 'Questions the organisation asked today (UTC).' }),
  }),
  chatRequestsPerMinute: Type.Object({
    limit: Type.Integer({ description: "This workspace's effective share of the quota." }),
  }),
});

export type MessageView = Static<typeof MessageSchema>;

// Why each status happens on the chat API, shown in the OpenAPI document.
const WHY = {
  400: 'The request is malformed: the problem names each invalid field.',
  401: 'No valid access token or API key.',
  403: 'Your organisation is suspended.',
  404: 'No such workspace, session or message for you.',
  409: 'The session is still answering a question.',
  429: "A chat-requests-per-minute quota, or your organisation's daily LLM token quota, is used up; honour Retry-After.",
  503: 'A dependency is unavailable; retry shortly.',
} as const;

/** The problem responses a chat route may give. */
export function chatProblems(...statuses: readonly (keyof typeof WHY)[]) {
  return Object.fromEntries(
    [400, 401, 404, 503, ...statuses].map((status) => [
      status,
      problemResponse(WHY[status as keyof typeof WHY]),
    ]),
  );
}

/** The OpenAPI tag of every chat route. */
export const ChatTags = ['chat'];

import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ServiceApp } from '@pyairtable/kit';
import { chatErrors } from '../chat-errors.ts';
import { chargeChatRequest } from '../conversation/chat-rate-limit.ts';
import { checkDailyQuota } from '../conversation/daily-quota.ts';
import type { StreamEvent } from '../streaming/stream-buffer.ts';
import {
  ChatTags,
  ExchangeSchema,
  ListMessagesQuery,
  MessageListSchema,
  MessageParams,
  MessageSchema,
  SendMessageSchema,
  SessionParams,
  chatProblems,
} from './chat-schemas.ts';
import { ownedSession } from './chat-route-context.ts';
import type { ChatRouteContext } from './chat-route-context.ts';
import { sseBody } from './sse-body.ts';
import { messageView } from './views.ts';

const HEARTBEAT_MS = 15_000;
const LastEventHeaders = Type.Object({
  'last-event-id': Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
});

/** Messages: read the conversation, ask (streamed or not), resume a stream, cancel. */
export function messageRoutes(app: ServiceApp, context: ChatRouteContext): void {
  app.get(
    '/api/chat/sessions/:id/messages',
    {
      schema: {
        operationId: 'listChatMessages',
        tags: ChatTags,
        summary: 'The messages of a conversation, oldest first',
        params: SessionParams,
        querystring: ListMessagesQuery,
        response: { 200: MessageListSchema, ...chatProblems(403) },
      },
    },
    async (request) => {
      const { session } = await ownedSession(context, request, request.params.id);
      const messages = await context.messages.list(session.id, { limit: request.query.limit });
      return { messages: messages.map(messageView) };
    },
  );

  app.post(
    '/api/chat/sessions/:id/messages',
    {
      schema: {
        operationId: 'sendChatMessage',
        tags: ChatTags,
        summary: 'Ask a question; streams the answer with Accept: text/event-stream',
        description:
          'With `Accept: text/event-stream` the answer streams as SSE events message.started, message.delta, tool.call, tool.result, error and message.completed, each with an `id:`; resume a dropped stream at GET …/messages/{answerId}/events with Last-Event-ID. Otherwise the response is the question and the final answer. The question is stored before the model is called.',
        params: SessionParams,
        body: SendMessageSchema,
        response: { 200: ExchangeSchema, ...chatProblems(403, 409, 429) },
      },
    },
    async (request, reply) => {
      const { session, caller } = await ownedSession(context, request, request.params.id);
      await checkDailyQuota(context.usage, caller.tenant);
      await chargeChatRequest(context.store, caller.tenant, caller.workspace);
      const inProgress = (await context.messages.list(session.id, { limit: 1 })).find(
        (message) => message.status === 'streaming',
      );
      if (inProgress !== undefined)
        throw chatErrors.CHAT_GENERATION_IN_PROGRESS({ messageId: inProgress.id });
      const question = await context.messages.appendUserMessage(session.id, request.body.content);
      await context.usage.countRequest(caller.tenant.id);
      const answer = await context.messages.startAssistantMessage(session.id, {
        model: caller.workspace.modelSettings.model ?? context.config.CHAT_MODEL,
        provider: context.generations.providerName,
      });
      // The stream exists before anyone reads it, and says which messages it is about.
      await context.buffer.append(answer.id, {
        event: 'message.started',
        data: { sessionId: session.id, questionId: question.id, answerId: answer.id },
      });
      const done = context.generations.start({
        caller,
        sessionId: session.id,
        question: request.body.content,
        userMessageId: question.id,
        assistantMessage: answer,
      });
      if (wantsStream(request)) return stream(context, reply, answer.id, undefined);
      await done;
      const stored = await context.messages.get(answer.id);
      if (stored === undefined) throw chatErrors.CHAT_MESSAGE_NOT_FOUND({ messageId: answer.id });
      return { question: messageView(question), answer: messageView(stored) };
    },
  );

  app.get(
    '/api/chat/sessions/:id/messages/:messageId/events',
    {
      schema: {
        operationId: 'resumeChatStream',
        tags: ChatTags,
        summary: "Follow (or resume) an answer's event stream",
        description:
          'SSE. With Last-Event-ID, only the events after it; the stream ends after message.completed. A finished answer whose stream has expired ends at once: read the message instead.',
        params: MessageParams,
        headers: LastEventHeaders,
        response: chatProblems(403),
      },
    },
    async (request, reply) => {
      const { session } = await ownedSession(context, request, request.params.id);
      const message = await context.messages.get(request.params.messageId);
      if (message?.sessionId !== session.id || message.role !== 'assistant') {
        throw chatErrors.CHAT_MESSAGE_NOT_FOUND({ messageId: request.params.messageId });
      }
      return stream(context, reply, message.id, request.headers['last-event-id']);
    },
  );

  app.get(
    '/api/chat/sessions/:id/messages/:messageId',
    {
      schema: {
        operationId: 'getChatMessage',
        tags: ChatTags,
        summary: 'One message',
        params: MessageParams,
        response: { 200: MessageSchema, ...chatProblems(403) },
      },
    },
    async (request) => {
      const { session } = await ownedSession(context, request, request.params.id);
      const message = await context.messages.get(request.params.messageId);
      if (message?.sessionId !== session.id) {
        throw chatErrors.CHAT_MESSAGE_NOT_FOUND({ messageId: request.params.messageId });
      }
      return messageView(message);
    },
  );

  app.post(
    '/api/chat/sessions/:id/cancel',
    {
      schema: {
        operationId: 'cancelChatAnswer',
        tags: ChatTags,
        summary: 'Stop the answer being written',
        description:
          'Idempotent: 202 whether or not an answer was running. The stream ends with an error event (cancelled) and message.completed.',
        params: SessionParams,
        response: {
          202: Type.Object({ cancelled: Type.Union([Type.String(), Type.Null()]) }),
          ...chatProblems(403),
        },
      },
    },
    async (request, reply) => {
      const { session } = await ownedSession(context, request, request.params.id);
      const running = (await context.messages.list(session.id, { limit: 2 })).find(
        (message) => message.status === 'streaming',
      );
      if (running !== undefined) await context.generations.cancel(running.id);
      return reply.code(202).send({ cancelled: running?.id ?? null });
    },
  );
}

function wantsStream(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/event-stream');
}

// A stream is a long response: counted while open, ended with the buffer's stream or the client.
function stream(
  context: ChatRouteContext,
  reply: FastifyReply,
  streamId: string,
  afterId: string | undefined,
): FastifyReply {
  const closed = new AbortController();
  // The response's close, not the request's: a POST's request closes once its body is read.
  reply.raw.once('close', () => {
    closed.abort();
  });
  context.metrics.openStreams.inc();
  const events: AsyncIterable<StreamEvent> = context.buffer.read(streamId, {
    ...(afterId === undefined ? {} : { afterId }),
    signal: closed.signal,
  });
  const body = sseBody(events, { heartbeatMs: HEARTBEAT_MS });
  body.once('close', () => {
    context.metrics.openStreams.dec();
  });
  return reply
    .header('content-type', 'text/event-stream; charset=utf-8')
    .header('cache-control', 'no-cache, no-transform')
    .header('x-accel-buffering', 'no')
    .send(body);
}

import type { ServiceApp } from '@pyairtable/kit';
import { chatErrors } from '../chat-errors.ts';
import {
  ChatTags,
  CreateSessionSchema,
  ListSessionsQuery,
  RenameSessionSchema,
  SessionListSchema,
  SessionParams,
  SessionSchema,
  chatProblems,
} from './chat-schemas.ts';
import { ownedSession } from './chat-route-context.ts';
import type { ChatRouteContext } from './chat-route-context.ts';
import { sessionView } from './views.ts';

/** Sessions: create, list, read, rename, delete. */
export function sessionRoutes(app: ServiceApp, context: ChatRouteContext): void {
  app.post(
    '/api/chat/sessions',
    {
      schema: {
        operationId: 'createChatSession',
        tags: ChatTags,
        summary: 'Start a conversation in a workspace',
        body: CreateSessionSchema,
        response: { 201: SessionSchema, ...chatProblems(403) },
      },
    },
    async (request, reply) => {
      const caller = await context.callers.resolve(request, request.body.workspaceId);
      const session = await context.sessions.create({
        tenantId: caller.tenant.id,
        workspaceId: caller.workspace.id,
        userId: caller.ownerId,
        title: request.body.title ?? 'New conversation',
      });
      return reply.code(201).send(sessionView(session));
    },
  );

  app.get(
    '/api/chat/sessions',
    {
      schema: {
        operationId: 'listChatSessions',
        tags: ChatTags,
        summary: 'Your conversations in a workspace, most recent first',
        querystring: ListSessionsQuery,
        response: { 200: SessionListSchema, ...chatProblems(403) },
      },
    },
    async (request) => {
      const caller = await context.callers.resolve(request, request.query.workspaceId);
      const sessions = await context.sessions.list({
        userId: caller.ownerId,
        workspaceId: caller.workspace.id,
        limit: request.query.limit,
      });
      return { sessions: sessions.map(sessionView) };
    },
  );

  app.get(
    '/api/chat/sessions/:id',
    {
      schema: {
        operationId: 'getChatSession',
        tags: ChatTags,
        summary: 'One conversation',
        params: SessionParams,
        response: { 200: SessionSchema, ...chatProblems(403) },
      },
    },
    async (request) =>
      sessionView((await ownedSession(context, request, request.params.id)).session),
  );

  app.patch(
    '/api/chat/sessions/:id',
    {
      schema: {
        operationId: 'renameChatSession',
        tags: ChatTags,
        summary: 'Rename a conversation',
        params: SessionParams,
        body: RenameSessionSchema,
        response: { 200: SessionSchema, ...chatProblems(403) },
      },
    },
    async (request) => {
      const { session } = await ownedSession(context, request, request.params.id);
      const renamed = await context.sessions.rename(session.id, request.body.title);
      if (renamed === undefined) throw chatErrors.CHAT_SESSION_NOT_FOUND({ sessionId: session.id });
      return sessionView(renamed);
    },
  );

  app.delete(
    '/api/chat/sessions/:id',
    {
      schema: {
        operationId: 'deleteChatSession',
        tags: ChatTags,
        summary: 'Delete a conversation and its messages',
        params: SessionParams,
        response: { 204: { type: 'null', description: 'Deleted.' }, ...chatProblems(403) },
      },
    },
    async (request, reply) => {
      const { session } = await ownedSession(context, request, request.params.id);
      await context.sessions.delete(session.id);
      return reply.code(204).send(null);
    },
  );
}

import type { FastifyRequest } from 'fastify';
import type { SharedStore } from '@pyairtable/kit';
import type { ChatConfig } from '../config.ts';
import type { ChatMetrics } from '../conversation/chat-metrics.ts';
import type { Generations } from '../conversation/generations.ts';
import type { ChatCaller, ChatCallers } from '../identity/chat-caller.ts';
import { chatErrors } from '../chat-errors.ts';
import type { ChatSession } from '../store/chat-records.ts';
import type {
  MessageRepository,
  SessionRepository,
  UsageRepository,
} from '../store/chat-repositories.ts';
import type { StreamBuffer } from '../streaming/stream-buffer.ts';

/** What the chat routes work with. */
export interface ChatRouteContext {
  readonly config: ChatConfig;
  readonly store: SharedStore;
  readonly callers: ChatCallers;
  readonly sessions: SessionRepository;
  readonly messages: MessageRepository;
  readonly usage: UsageRepository;
  readonly generations: Generations;
  readonly buffer: StreamBuffer;
  readonly metrics: ChatMetrics;
}

/**
 * The session named in the path, if the caller may use it: a member of its workspace and its
 * owner. Anything else is 404, so sessions of others cannot even be confirmed to exist.
 */
export async function ownedSession(
  context: ChatRouteContext,
  request: FastifyRequest,
  sessionId: string,
): Promise<{ readonly session: ChatSession; readonly caller: ChatCaller }> {
  const session = await context.sessions.get(sessionId);
  if (session === undefined) {
    // Authenticate anyway, so a stranger learns nothing from a 404 versus a 401.
    await context.callers.resolve(request, undefined).catch((error: unknown) => {
      if (error instanceof Error && 'status' in error && error.status === 401) throw error;
    });
    throw chatErrors.CHAT_SESSION_NOT_FOUND({ sessionId });
  }
  const caller = await context.callers
    .resolve(request, session.workspaceId)
    .catch((error: unknown) => {
      if (error instanceof Error && 'status' in error && error.status === 404) {
        throw chatErrors.CHAT_SESSION_NOT_FOUND({ sessionId });
      }
      throw error;
    });
  if (caller.ownerId !== session.userId) throw chatErrors.CHAT_SESSION_NOT_FOUND({ sessionId });
  return { session, caller };
}

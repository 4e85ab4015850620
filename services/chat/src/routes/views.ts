import type { Static } from 'typebox';
import { messageJson } from '../conversation/generations.ts';
import type { ChatMessage, ChatSession } from '../store/chat-records.ts';
import type { MessageView, SessionSchema } from './chat-schemas.ts';

/** A session as the API shows it. */
export function sessionView(session: ChatSession): Static<typeof SessionSchema> {
  return {
    id: session.id,
    workspaceId: session.workspaceId,
    title: session.title,
    createdAt: session.createdAt.toISOString(),
    updatedAt: session.updatedAt.toISOString(),
    lastMessageAt: session.lastMessageAt?.toISOString() ?? null,
  };
}

/** A message as the API shows it (the same JSON the stream's message.completed carries). */
export function messageView(message: ChatMessage): MessageView {
  return messageJson(message) as MessageView;
}

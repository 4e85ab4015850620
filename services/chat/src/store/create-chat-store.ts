import type { Pool } from 'pg';
import type { MessageRepository, SessionRepository, UsageRepository } from './chat-repositories.ts';
import { createMessageRepository } from './message-repository.ts';
import { createSessionRepository } from './session-repository.ts';
import { createUsageRepository } from './usage-repository.ts';

/** Every repository chat persists through, on one pool. */
export interface ChatStore {
  readonly sessions: SessionRepository;
  readonly messages: MessageRepository;
  readonly usage: UsageRepository;
}

/**
 * The chat repositories on `pool`. The pool stays the caller's to close (in the app's
 * `onClose`), since it may be shared with other stores.
 */
export function createChatStore(pool: Pool): ChatStore {
  return {
    sessions: createSessionRepository(pool),
    messages: createMessageRepository(pool),
    usage: createUsageRepository(pool),
  };
}

import type { Pool } from 'pg';
import { newChatId } from './chat-ids.ts';
import type { ChatMessage } from './chat-records.ts';
import type { MessageRepository } from './chat-repositories.ts';
import { checkLimit } from './check-limit.ts';
import { MESSAGE_COLUMNS, MESSAGE_SELECT, toMessage } from './message-rows.ts';
import type { MessageRow } from './message-rows.ts';
import { toJsonb, toStoredText } from './pg-values.ts';

/** What a user reads on an answer whose process died mid-generation. */
export const ABANDONED_MESSAGE_ERROR =
  'The answer was interrupted before it finished. Please ask again.';

/** A message repository on `pool`. */
export function createMessageRepository(pool: Pool): MessageRepository {
  const insertedMessage = async (
    sessionId: string,
    text: string,
    values: unknown[],
  ): Promise<ChatMessage> => {
    const { rows } = await pool
      .query<MessageRow>(text, values)
      .catch(missingParent('chat session', sessionId));
    const [row] = rows;
    if (row === undefined) throw new Error('insert into chat_messages returned no row');
    return toMessage(row);
  };

  return {
    appendUserMessage: (sessionId, content) =>
      // One statement, so the message and the session's recency are written together.
      insertedMessage(
        sessionId,
        `with m as (
           insert into chat_messages (id, session_id, role, content, status, completed_at)
           values ($1, $2, 'user', $3, 'complete', now())
           returning *
         ), bumped as (
           update chat_sessions s set last_message_at = m.created_at
             from m where s.id = m.session_id
         )
         select ${MESSAGE_COLUMNS}, '[]'::json as tool_calls from m`,
        [newChatId('message'), sessionId, toStoredText(content)],
      ),

    startAssistantMessage: (sessionId, model) =>
      insertedMessage(
        sessionId,
        `insert into chat_messages as m (id, session_id, role, status, model, provider)
         values ($1, $2, 'assistant', 'streaming', $3, $4)
         returning ${MESSAGE_COLUMNS}, '[]'::json as tool_calls`,
        [newChatId('message'), sessionId, model.model, model.provider],
      ),

    async recordToolCall(messageId, call) {
      await pool
        .query(
          `insert into chat_tool_calls
             (message_id, call_id, name, arguments, result, outcome, duration_ms)
           values ($1, $2, $3, $4, $5, $6, $7)`,
          [
            messageId,
            call.id,
            call.name,
            toJsonb(call.arguments) ?? '{}',
            toJsonb(call.result),
            call.outcome,
            Math.max(0, Math.round(call.durationMs)),
          ],
        )
        .catch(missingParent('chat message', messageId));
    },

    async completeAssistantMessage(messageId, outcome) {
      // Only a message still streaming is closed: when a cancel and the generation's own end
      // race, the first to arrive wins and the other changes nothing.
      const { rowCount } = await pool.query(
        `update chat_messages
            set status = $2, content = $3, turns = $4, usage = $5, cost_usd = $6, error = $7,
                completed_at = now()
          where id = $1 and status = 'streaming'`,
        [
          messageId,
          outcome.status,
          toStoredText(outcome.content),
          toJsonb(outcome.turns) ?? '[]',
          toJsonb(outcome.usage),
          outcome.costUsd,
          outcome.error === undefined ? null : toStoredText(outcome.error),
        ],
      );
      return rowCount === 1;
    },

    async get(messageId) {
      const { rows } = await pool.query<MessageRow>(`${MESSAGE_SELECT} where m.id = $1`, [
        messageId,
      ]);
      const [row] = rows;
      return row === undefined ? undefined : toMessage(row);
    },

    async list(sessionId, options = {}) {
      // The newest `limit` by seq (a null limit is no limit), then turned back to oldest first.
      const { rows } = await pool.query<MessageRow>(
        `select * from (
           ${MESSAGE_SELECT} where m.session_id = $1 order by m.seq desc limit $2
         ) newest order by newest.seq`,
        [sessionId, options.limit === undefined ? null : checkLimit(options.limit)],
      );
      return rows.map(toMessage);
    },

    async failAbandoned(olderThan) {
      const { rowCount } = await pool.query(
        `update chat_messages set status = 'failed', error = $2, completed_at = now()
          where status = 'streaming' and created_at < $1`,
        [olderThan, ABANDONED_MESSAGE_ERROR],
      );
      return rowCount ?? 0;
    },
  };
}

/** Turns a foreign-key violation into an error naming the missing parent; others pass. */
function missingParent(what: string, id: string): (error: unknown) => never {
  return (error: unknown) => {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : '';
    if (code === '23503') throw new Error(`${what} ${id} does not exist`, { cause: error });
    throw error;
  };
}

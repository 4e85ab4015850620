import type { Pool } from 'pg';
import { newChatId } from './chat-ids.ts';
import type { ChatSession } from './chat-records.ts';
import type { SessionRepository } from './chat-repositories.ts';
import { checkLimit } from './check-limit.ts';

/** A `chat_sessions` row as pg returns it. */
interface SessionRow {
  id: string;
  tenant_id: string;
  workspace_id: string;
  user_id: string;
  title: string;
  created_at: Date;
  updated_at: Date;
  last_message_at: Date | null;
}

const COLUMNS =
  'id, tenant_id, workspace_id, user_id, title, created_at, updated_at, last_message_at';

function toSession(row: SessionRow): ChatSession {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    workspaceId: row.workspace_id,
    userId: row.user_id,
    title: row.title,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastMessageAt: row.last_message_at,
  };
}

/** A session repository on `pool`. */
export function createSessionRepository(pool: Pool): SessionRepository {
  const one = async (text: string, values: unknown[]): Promise<ChatSession | undefined> => {
    const { rows } = await pool.query<SessionRow>(text, values);
    const [row] = rows;
    return row === undefined ? undefined : toSession(row);
  };

  return {
    async create(input) {
      const created = await one(
        `insert into chat_sessions (id, tenant_id, workspace_id, user_id, title)
         values ($1, $2, $3, $4, $5) returning ${COLUMNS}`,
        [newChatId('session'), input.tenantId, input.workspaceId, input.userId, input.title],
      );
      if (created === undefined) throw new Error('insert into chat_sessions returned no row');
      return created;
    },

    get: (id) => one(`select ${COLUMNS} from chat_sessions where id = $1`, [id]),

    async list(filter) {
      // The order matches the chat_sessions_recent index expression, so the index serves it.
      const { rows } = await pool.query<SessionRow>(
        `select ${COLUMNS} from chat_sessions
          where user_id = $1 and workspace_id = $2
          order by coalesce(last_message_at, created_at) desc, id desc
          limit $3`,
        [filter.userId, filter.workspaceId, checkLimit(filter.limit)],
      );
      return rows.map(toSession);
    },

    rename: (id, title) =>
      one(
        `update chat_sessions set title = $2, updated_at = now() where id = $1
         returning ${COLUMNS}`,
        [id, title],
      ),

    async delete(id) {
      // Messages and their tool calls go with it through on delete cascade.
      const { rowCount } = await pool.query('delete from chat_sessions where id = $1', [id]);
      return rowCount === 1;
    },
  };
}

import type { LlmContent, LlmProviderName, LlmUsage } from '../llm/llm-types.ts';
import type { ChatMessage, MessageStatus, ToolCallRecord } from './chat-records.ts';

/** A `chat_messages` row with its tool calls, as pg returns {@link MESSAGE_SELECT}. */
export interface MessageRow {
  id: string;
  session_id: string;
  seq: string;
  role: 'user' | 'assistant';
  content: string;
  status: MessageStatus;
  model: string | null;
  provider: LlmProviderName | null;
  usage: LlmUsage | null;
  cost_usd: string | null;
  error: string | null;
  turns: LlmContent[];
  created_at: Date;
  completed_at: Date | null;
  tool_calls: ToolCallRecord[];
}

/** The message columns of `m`; `tool_calls` comes from {@link TOOL_CALLS_OF_M}. */
export const MESSAGE_COLUMNS = `m.id, m.session_id, m.seq, m.role, m.content, m.status, m.model,
  m.provider, m.usage, m.cost_usd, m.error, m.turns, m.created_at, m.completed_at`;

/**
 * The tool calls of message `m` in the order they were recorded, already in the record's
 * shape, so a list of messages is one query rather than one more per message.
 */
export const TOOL_CALLS_OF_M = `coalesce((
    select json_agg(json_build_object('id', t.call_id, 'name', t.name,
             'arguments', t.arguments, 'result', t.result, 'outcome', t.outcome,
             'durationMs', t.duration_ms) order by t.seq)
      from chat_tool_calls t where t.message_id = m.id
  ), '[]'::json) as tool_calls`;

/** Selects messages with their tool calls from `chat_messages m`; append `where …`. */
export const MESSAGE_SELECT = `select ${MESSAGE_COLUMNS}, ${TOOL_CALLS_OF_M} from chat_messages m`;

/** Maps a row to the record the orchestrator and routes see. */
export function toMessage(row: MessageRow): ChatMessage {
  return {
    id: row.id,
    sessionId: row.session_id,
    role: row.role,
    content: row.content,
    status: row.status,
    toolCalls: row.tool_calls,
    usage: row.usage,
    // numeric comes back as text so no precision is lost on the way; costs fit a double.
    costUsd: row.cost_usd === null ? null : Number(row.cost_usd),
    model: row.model,
    provider: row.provider,
    error: row.error,
    turns: row.turns,
    createdAt: row.created_at,
    completedAt: row.completed_at,
  };
}

/** The shapes of chat's API (services/chat/src/routes/chat-schemas.ts) the app reads. */

/** A conversation. */
export interface ChatSession {
  readonly id: string;
  readonly workspaceId: string;
  readonly title: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastMessageAt: string | null;
}

/** How a tool call ended; `null` while it runs. */
export type ToolOutcome = 'ok' | 'error' | 'timeout' | 'refused';

/** A tool call the model made while answering. */
export interface ToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: Readonly<Record<string, unknown>>;
  readonly outcome: ToolOutcome | null;
  readonly durationMs: number | null;
  /** The start of the result (JSON or error text, at most 500 characters); null while it runs. */
  readonly preview?: string | null;
}

/** Where an answer stands. */
export type MessageStatus = 'streaming' | 'complete' | 'failed' | 'cancelled';

/** A question or an answer. */
export interface ChatMessage {
  readonly id: string;
  readonly sessionId: string;
  readonly role: 'user' | 'assistant';
  readonly content: string;
  readonly status: MessageStatus;
  readonly toolCalls: readonly ToolCall[];
  readonly model: string | null;
  readonly provider: string | null;
  readonly error: string | null;
  readonly createdAt: string;
}

/** The events of an answer's SSE stream, as chat's README lists them. */
export type ChatStreamEvent =
  | {
      readonly type: 'message.started';
      readonly sessionId: string;
      readonly questionId: string;
      readonly answerId: string;
    }
  | { readonly type: 'message.delta'; readonly text: string }
  | {
      readonly type: 'tool.call';
      readonly id: string;
      readonly name: string;
      readonly arguments: Readonly<Record<string, unknown>>;
    }
  | {
      readonly type: 'tool.result';
      readonly id: string;
      readonly name: string;
      readonly outcome: ToolOutcome;
      readonly durationMs: number;
      /** Absent from servers older than the preview. */
      readonly preview?: string;
    }
  /** `status` is how the answer ended: `failed` or `cancelled`. */
  | { readonly type: 'error'; readonly status: string; readonly message: string }
  /** `message` is null when the answer could not be read back. */
  | { readonly type: 'message.completed'; readonly message: ChatMessage | null };

const EVENT_TYPES = new Set([
  'message.started',
  'message.delta',
  'tool.call',
  'tool.result',
  'error',
  'message.completed',
]);

/**
 * Reads one SSE event as a chat event; unknown event names give `null` so a newer server
 * can add events without breaking older tabs.
 */
export function toChatStreamEvent(event: string, data: string): ChatStreamEvent | null {
  if (!EVENT_TYPES.has(event)) return null;
  const payload = JSON.parse(data) as Record<string, unknown> | null;
  if (event === 'message.completed') {
    return { type: 'message.completed', message: payload as ChatMessage | null };
  }
  return { ...payload, type: event } as ChatStreamEvent;
}

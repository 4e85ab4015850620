import type { LlmContent, LlmProviderName, LlmUsage } from '../llm/llm-types.ts';

/** A conversation of one user in one workspace. */
export interface ChatSession {
  readonly id: string;
  readonly tenantId: string;
  readonly workspaceId: string;
  readonly userId: string;
  readonly title: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly lastMessageAt: Date | null;
}

/** How a tool call ended. */
export type ToolCallOutcome = 'ok' | 'error' | 'timeout' | 'refused';

/** One tool the model asked for, what it got back and how long it took. */
export interface ToolCallRecord {
  /** The function call's id (the model's, or one we assigned). */
  readonly id: string;
  readonly name: string;
  readonly arguments: Readonly<Record<string, unknown>>;
  /** What the tool returned (structured content, or the error text); null while running. */
  readonly result: unknown;
  readonly outcome: ToolCallOutcome;
  readonly durationMs: number;
}

/** Where an assistant message stands. */
export type MessageStatus = 'streaming' | 'complete' | 'failed' | 'cancelled';

/** One message: the user's question, or the assistant's answer with how it was made. */
export interface ChatMessage {
  readonly id: string;
  readonly sessionId: string;
  readonly role: 'user' | 'assistant';
  /** The text shown to people. */
  readonly content: string;
  readonly status: MessageStatus;
  readonly toolCalls: readonly ToolCallRecord[];
  readonly usage: LlmUsage | null;
  readonly costUsd: number | null;
  readonly model: string | null;
  readonly provider: LlmProviderName | null;
  /** Why the message failed, in words a user may read. */
  readonly error: string | null;
  /**
   * The raw turns behind an assistant message (model turns with function calls and thought
   * signatures, tool results), replayed to the model as history exactly as they happened.
   */
  readonly turns: readonly LlmContent[];
  readonly createdAt: Date;
  readonly completedAt: Date | null;
}

import type { LlmContent, LlmProviderName, LlmUsage } from '../llm/llm-types.ts';
import type { ChatMessage, ChatSession, MessageStatus, ToolCallRecord } from './chat-records.ts';

/** Reads and writes sessions. */
export interface SessionRepository {
  create(input: {
    readonly tenantId: string;
    readonly workspaceId: string;
    readonly userId: string;
    readonly title: string;
  }): Promise<ChatSession>;
  get(id: string): Promise<ChatSession | undefined>;
  /** The user's sessions in a workspace, most recently active first. */
  list(filter: {
    readonly userId: string;
    readonly workspaceId: string;
    readonly limit: number;
  }): Promise<ChatSession[]>;
  rename(id: string, title: string): Promise<ChatSession | undefined>;
  /** Deletes the session and its messages. */
  delete(id: string): Promise<boolean>;
}

/** How an assistant message ended. */
export interface AssistantOutcome {
  readonly status: Exclude<MessageStatus, 'streaming'>;
  readonly content: string;
  readonly turns: readonly LlmContent[];
  readonly usage: LlmUsage | null;
  readonly costUsd: number | null;
  readonly error?: string | undefined;
}

/** Reads and writes messages. Every write is committed before it resolves. */
export interface MessageRepository {
  /** Stores the user's message (before any model is called). */
  appendUserMessage(sessionId: string, content: string): Promise<ChatMessage>;
  /** Opens the assistant's answer in status `streaming`. */
  startAssistantMessage(
    sessionId: string,
    model: { readonly model: string; readonly provider: LlmProviderName },
  ): Promise<ChatMessage>;
  /** Records one finished tool call of an assistant message. */
  recordToolCall(messageId: string, call: ToolCallRecord): Promise<void>;
  /** Closes the assistant's answer; a message already closed is left as it is (returns false). */
  completeAssistantMessage(messageId: string, outcome: AssistantOutcome): Promise<boolean>;
  get(messageId: string): Promise<ChatMessage | undefined>;
  /** The session's messages, oldest first; `limit` keeps the newest. */
  list(sessionId: string, options?: { readonly limit?: number }): Promise<ChatMessage[]>;
  /** Marks answers left `streaming` by a process that died as failed; returns how many. */
  failAbandoned(olderThan: Date): Promise<number>;
}

/** Token use per tenant and day (UTC), for the llmTokensPerDay quota and reports. */
export interface UsageRepository {
  add(
    tenantId: string,
    usage: { readonly tokens: number; readonly costUsd: number },
    at?: Date,
  ): Promise<void>;
  /** Counts one question asked by the tenant on the UTC day of `at`. */
  countRequest(tenantId: string, at?: Date): Promise<void>;
  /** Questions the tenant asked on the UTC day of `at`. */
  requestsOn(tenantId: string, at?: Date): Promise<number>;
  /** Tokens the tenant used on the UTC day of `at`. */
  tokensOn(tenantId: string, at?: Date): Promise<number>;
}

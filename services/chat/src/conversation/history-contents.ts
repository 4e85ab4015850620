import type { LlmContent, LlmPart } from '../llm/llm-types.ts';
import type { ChatMessage } from '../store/chat-records.ts';

/** Earlier conversation as model contents, and whether older turns had to be left out. */
export interface History {
  readonly contents: readonly LlmContent[];
  readonly truncated: boolean;
}

/** A rough token count (about four characters a token), enough to keep within a budget. */
export function estimateTokens(value: unknown): number {
  return Math.ceil(JSON.stringify(value).length / 4);
}

/**
 * The session's earlier messages replayed as the model saw them (assistant turns with their
 * tool calls and thought signatures), newest kept first until `budgetTokens` is spent: older
 * exchanges are dropped whole, so a tool result never loses the call it answers. The current
 * question is not part of the history and is never dropped.
 */
export function historyContents(messages: readonly ChatMessage[], budgetTokens: number): History {
  const exchanges: LlmContent[][] = [];
  for (const message of messages) {
    if (message.role === 'user') {
      exchanges.push([{ role: 'user', parts: [{ text: message.content }] }]);
    } else if (message.status === 'complete' && message.turns.length > 0) {
      const current = exchanges.at(-1) ?? [];
      if (exchanges.length === 0) exchanges.push(current);
      current.push(...message.turns);
    }
  }
  const kept: LlmContent[][] = [];
  let spent = 0;
  for (const exchange of exchanges.reverse()) {
    const cost = estimateTokens(exchange);
    if (spent + cost > budgetTokens) break;
    kept.unshift(exchange);
    spent += cost;
  }
  return { contents: mergeSameRole(kept.flat()), truncated: kept.length < exchanges.length };
}

// A question whose answer failed leaves two user turns in a row; models expect alternation.
export function mergeSameRole(contents: readonly LlmContent[]): LlmContent[] {
  const merged: { role: LlmContent['role']; parts: LlmPart[] }[] = [];
  for (const content of contents) {
    const last = merged.at(-1);
    if (last?.role === content.role) last.parts.push(...content.parts);
    else merged.push({ role: content.role, parts: [...content.parts] });
  }
  return merged;
}

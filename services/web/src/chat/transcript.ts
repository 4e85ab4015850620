import type { ChatMessage, ChatStreamEvent, ToolCall } from './chat-types.ts';

/** Local ids of a question and answer until the server names them. */
export const PENDING_QUESTION_ID = 'pending-question';
export const PENDING_ANSWER_ID = 'pending-answer';

/** The messages shown with a question just asked: the question, and an empty answer. */
export function withPendingExchange(
  messages: readonly ChatMessage[],
  sessionId: string,
  content: string,
): ChatMessage[] {
  const now = new Date().toISOString();
  const base = { sessionId, toolCalls: [], model: null, provider: null, error: null };
  return [
    ...messages,
    { ...base, id: PENDING_QUESTION_ID, role: 'user', content, status: 'complete', createdAt: now },
    {
      ...base,
      id: PENDING_ANSWER_ID,
      role: 'assistant',
      content: '',
      status: 'streaming',
      createdAt: now,
    },
  ];
}

function updateAnswer(
  messages: readonly ChatMessage[],
  answerId: string,
  update: (answer: ChatMessage) => ChatMessage,
): ChatMessage[] {
  return messages.map((message) =>
    message.id === answerId || (message.id === PENDING_ANSWER_ID && message.role === 'assistant')
      ? update(message)
      : message,
  );
}

function withToolCall(calls: readonly ToolCall[], call: ToolCall): ToolCall[] {
  return calls.some((existing) => existing.id === call.id)
    ? calls.map((existing) => (existing.id === call.id ? { ...existing, ...call } : existing))
    : [...calls, call];
}

/**
 * The transcript after one stream event: the answer grows with each delta, tool calls appear
 * as they start and fill in as they end, and `message.completed` swaps in the stored answer.
 */
export function applyStreamEvent(
  messages: readonly ChatMessage[],
  answerId: string,
  event: ChatStreamEvent,
): ChatMessage[] {
  switch (event.type) {
    case 'message.started':
      return messages.map((message) => {
        if (message.id === PENDING_QUESTION_ID) return { ...message, id: event.questionId };
        if (message.id === PENDING_ANSWER_ID) return { ...message, id: event.answerId };
        return message;
      });
    case 'message.delta':
      return updateAnswer(messages, answerId, (answer) => ({
        ...answer,
        content: answer.content + event.text,
      }));
    case 'tool.call':
      return updateAnswer(messages, answerId, (answer) => ({
        ...answer,
        toolCalls: withToolCall(answer.toolCalls, {
          id: event.id,
          name: event.name,
          arguments: event.arguments,
          outcome: null,
          durationMs: null,
        }),
      }));
    case 'tool.result':
      return updateAnswer(messages, answerId, (answer) => {
        const started = answer.toolCalls.find((call) => call.id === event.id);
        return {
          ...answer,
          toolCalls: withToolCall(answer.toolCalls, {
            id: event.id,
            name: event.name,
            arguments: started?.arguments ?? {},
            outcome: event.outcome,
            durationMs: event.durationMs,
            preview: event.preview ?? null,
          }),
        };
      });
    case 'error':
      return updateAnswer(messages, answerId, (answer) => ({
        ...answer,
        status: event.status === 'cancelled' ? 'cancelled' : 'failed',
        error: event.message,
      }));
    case 'message.completed': {
      const stored = event.message;
      if (stored === null) {
        return updateAnswer(messages, answerId, (answer) =>
          answer.status === 'streaming' ? { ...answer, status: 'complete' } : answer,
        );
      }
      return updateAnswer(messages, answerId, () => stored);
    }
  }
}

/**
 * The answer still being written when a session is opened (after a reload, or from another
 * tab): the last message, if it is an assistant's `streaming` one, else null.
 */
export function resumableAnswerId(messages: readonly ChatMessage[]): string | null {
  const last = messages.at(-1);
  return last?.role === 'assistant' && last.status === 'streaming' ? last.id : null;
}

/**
 * The transcript ready to follow `answerId` from its stream's first event: what the stored
 * answer shows so far is cleared, since the replayed events write it again.
 */
export function restartAnswer(messages: readonly ChatMessage[], answerId: string): ChatMessage[] {
  return messages.map((message) =>
    message.id === answerId ? { ...message, content: '', toolCalls: [] } : message,
  );
}

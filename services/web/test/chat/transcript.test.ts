import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/chat/chat-types.ts';
import { applyStreamEvent, restartAnswer, resumableAnswerId } from '../../src/chat/transcript.ts';

function message(overrides: Partial<ChatMessage> & Pick<ChatMessage, 'id'>): ChatMessage {
  return {
    sessionId: 's1',
    role: 'assistant',
    content: '',
    status: 'complete',
    toolCalls: [],
    model: null,
    provider: null,
    error: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const question = message({ id: 'q1', role: 'user', content: 'How many deals?' });

describe('resumableAnswerId', () => {
  it('names the last answer while it is still being written', () => {
    expect(resumableAnswerId([question, message({ id: 'a1', status: 'streaming' })])).toBe('a1');
  });

  it('is null for a finished answer, a lone question or no messages', () => {
    expect(resumableAnswerId([question, message({ id: 'a1' })])).toBeNull();
    expect(resumableAnswerId([question])).toBeNull();
    expect(resumableAnswerId([])).toBeNull();
  });
});

describe('restartAnswer and replayed events', () => {
  it('shows the replayed answer once, not after what was already on screen', () => {
    const stored = [
      question,
      message({
        id: 'a1',
        status: 'streaming',
        content: 'Twelve',
        toolCalls: [
          {
            id: 'c1',
            name: 'list_records',
            arguments: {},
            outcome: 'ok',
            durationMs: 5,
            preview: '{}',
          },
        ],
      }),
    ];
    let shown = restartAnswer(stored, 'a1');
    shown = applyStreamEvent(shown, 'a1', {
      type: 'tool.call',
      id: 'c1',
      name: 'list_records',
      arguments: { table: 'Deals' },
    });
    shown = applyStreamEvent(shown, 'a1', {
      type: 'tool.result',
      id: 'c1',
      name: 'list_records',
      outcome: 'ok',
      durationMs: 5,
      preview: '{"records":[{"id":"rec1"}]}',
    });
    shown = applyStreamEvent(shown, 'a1', { type: 'message.delta', text: 'Twelve deals.' });
    const answer = shown[1];
    expect(answer?.content).toBe('Twelve deals.');
    expect(answer?.toolCalls).toHaveLength(1);
    expect(answer?.toolCalls[0]?.preview).toBe('{"records":[{"id":"rec1"}]}');
    expect(shown[0]).toBe(question);
  });
});

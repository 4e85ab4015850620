import { describe, expect, it } from 'vitest';
import type { LlmContent } from '../../src/llm/llm-types.ts';
import { OFFLINE_PREFIX } from '../../src/llm/offline-answer.ts';
import { createOfflineProvider } from '../../src/llm/offline-provider.ts';
import { BASES, toolDeclarations } from './offline-fixtures.ts';
import { collect, failureOf, llmRequest } from './llm-test-streams.ts';

const ANSWERABLE: LlmContent[] = [
  { role: 'user', parts: [{ text: 'list the bases' }] },
  { role: 'model', parts: [{ functionCall: { id: 'c1', name: 'list_bases', args: {} } }] },
  {
    role: 'user',
    parts: [{ functionResponse: { id: 'c1', name: 'list_bases', response: { result: BASES } } }],
  },
];

describe('offline provider', () => {
  it('asks for tool calls as a model turn with ids and counted usage', async () => {
    const provider = createOfflineProvider();

    const { texts, done } = await collect(
      provider.stream(
        llmRequest({
          contents: [{ role: 'user', parts: [{ text: 'list the bases' }] }],
          tools: toolDeclarations(),
        }),
      ),
    );

    expect(provider.name).toBe('offline');
    expect(texts).toEqual([]);
    expect(done.content).toEqual({
      role: 'model',
      parts: [{ functionCall: { id: 'offline-1-0', name: 'list_bases', args: {} } }],
    });
    expect(done.usage.promptTokens).toBeGreaterThan(0);
    expect(done.usage.totalTokens).toBe(done.usage.promptTokens + done.usage.outputTokens);
  });

  it('simulates latency and streams the answer in pieces', async () => {
    const sleeps: number[] = [];
    const provider = createOfflineProvider({
      latencyMs: 400,
      streamChunkChars: 16,
      chunkDelayMs: 30,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    });

    const { texts, done } = await collect(
      provider.stream(llmRequest({ contents: ANSWERABLE, tools: toolDeclarations() })),
    );

    const answer = texts.join('');
    expect(answer.startsWith(OFFLINE_PREFIX)).toBe(true);
    expect(answer).toContain('- Sales CRM (appmHgZ6xqMi4F07F)');
    expect(texts.length).toBe(Math.ceil(answer.length / 16));
    expect(sleeps).toEqual([400, ...Array.from({ length: texts.length - 1 }, () => 30)]);
    expect(done.content.parts).toEqual([{ text: answer }]);
    expect(done.usage.outputTokens).toBe(Math.ceil(answer.length / 4));
    expect(done.modelVersion).toBe('offline-planner');
  });

  it('reports cancelled when aborted during its simulated latency', async () => {
    const controller = new AbortController();
    const provider = createOfflineProvider({ latencyMs: 10_000 });
    setTimeout(() => {
      controller.abort();
    }, 20);

    const { error } = await failureOf(
      provider.stream(llmRequest({ contents: ANSWERABLE, signal: controller.signal })),
    );

    expect(error.failure).toBe('cancelled');
  });
});

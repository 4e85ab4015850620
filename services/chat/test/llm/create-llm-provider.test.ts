import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createLlmProvider } from '../../src/llm/create-llm-provider.ts';
import { startGeminiDouble } from '../support/gemini-double.ts';
import { collect, llmRequest } from './llm-test-streams.ts';

describe('createLlmProvider', () => {
  it('picks Gemini when a key is set, even with an OpenAI-compatible server configured', () => {
    const provider = createLlmProvider({
      GEMINI_API_KEY: 'key',
      LLM_BASE_URL: 'http://127.0.0.1:1/v1',
    });

    expect(provider.name).toBe('gemini');
  });

  it('picks the OpenAI-compatible server without a Gemini key', () => {
    expect(
      createLlmProvider({ GEMINI_API_KEY: '', LLM_BASE_URL: 'http://127.0.0.1:1/v1' }).name,
    ).toBe('openai-compatible');
  });

  it('falls back to the offline planner', () => {
    expect(createLlmProvider({ OFFLINE_LATENCY_MS: 0 }).name).toBe('offline');
  });

  it('sends Gemini requests to GEMINI_BASE_URL with the key', async () => {
    const double = await startGeminiDouble();
    try {
      double.enqueue({ text: 'Hi.' });
      const provider = createLlmProvider({
        GEMINI_API_KEY: 'the-key',
        GEMINI_BASE_URL: double.baseUrl,
      });

      const { done } = await collect(provider.stream(llmRequest()));

      expect(done.content.parts).toEqual([{ text: 'Hi.' }]);
      expect(double.requests[0]?.apiKey).toBe('the-key');
    } finally {
      await double.close();
    }
  });

  it('instruments the provider on a registry, twice on the same one without conflict', async () => {
    const registry = new Registry();
    createLlmProvider({}, registry);
    const provider = createLlmProvider({}, registry);

    await collect(
      provider.stream(llmRequest({ contents: [{ role: 'user', parts: [{ text: 'hello' }] }] })),
    );

    const text = await registry.metrics();
    expect(text).toContain(
      'chat_llm_request_duration_seconds_count{provider="offline",model="gemini-2.5-flash",outcome="ok"} 1',
    );
    expect(text).toMatch(
      /chat_llm_tokens_total\{provider="offline",model="gemini-2.5-flash",kind="output"\} [1-9]/,
    );
  });
});

import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createLlmMetrics, instrumentProvider } from '../../src/llm/llm-metrics.ts';
import { LlmError } from '../../src/llm/llm-types.ts';
import type { LlmStreamEvent } from '../../src/llm/llm-types.ts';
import { collect, failureOf, llmRequest, scriptedProvider } from './llm-test-streams.ts';

const DONE: LlmStreamEvent = {
  type: 'done',
  content: { role: 'model', parts: [{ text: 'Hi.' }] },
  usage: { promptTokens: 100, outputTokens: 7, thoughtsTokens: 40, totalTokens: 147 },
};

async function value(
  registry: Registry,
  name: string,
  labels: Record<string, string>,
): Promise<number | undefined> {
  const metric = await registry.getSingleMetric(name)?.get();
  const found = metric?.values.find((sample) =>
    Object.entries(labels).every(([key, label]) => sample.labels[key] === label),
  );
  return found?.value;
}

describe('LLM metrics', () => {
  it('counts tokens by kind and observes duration and first-token latency of a generation', async () => {
    const registry = new Registry();
    const provider = instrumentProvider(
      scriptedProvider([{ type: 'text', text: 'Hi.' }, DONE]),
      createLlmMetrics(registry),
    );

    await collect(provider.stream(llmRequest()));

    const labels = { provider: 'gemini', model: 'gemini-2.5-flash' };
    expect(await value(registry, 'chat_llm_tokens_total', { ...labels, kind: 'prompt' })).toBe(100);
    expect(await value(registry, 'chat_llm_tokens_total', { ...labels, kind: 'output' })).toBe(7);
    expect(await value(registry, 'chat_llm_tokens_total', { ...labels, kind: 'thoughts' })).toBe(
      40,
    );
    expect(
      await value(registry, 'chat_llm_time_to_first_token_seconds', { ...labels, le: '+Inf' }),
    ).toBe(1);
    expect(
      await value(registry, 'chat_llm_request_duration_seconds', {
        ...labels,
        outcome: 'ok',
        le: '+Inf',
      }),
    ).toBe(1);
  });

  it('labels a failed generation with its failure kind and rethrows it', async () => {
    const registry = new Registry();
    const failure = new LlmError('rate-limited', 'slow down');
    const provider = instrumentProvider(scriptedProvider([], failure), createLlmMetrics(registry));

    const { error } = await failureOf(provider.stream(llmRequest()));

    expect(error).toBe(failure);
    expect(
      await value(registry, 'chat_llm_request_duration_seconds', {
        outcome: 'rate-limited',
        le: '+Inf',
      }),
    ).toBe(1);
  });

  it('reuses the metrics already on a registry', () => {
    const registry = new Registry();

    const first = createLlmMetrics(registry);
    const second = createLlmMetrics(registry);

    expect(second.tokens).toBe(first.tokens);
    expect(second.requestDuration).toBe(first.requestDuration);
  });
});

import { recordSpans, SpanKind, SpanStatusCode } from '@pyairtable/kit/testing';
import type { RecordedSpans } from '@pyairtable/kit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { traceProvider } from '../../src/llm/llm-tracing.ts';
import { LlmError } from '../../src/llm/llm-types.ts';
import type { LlmStreamEvent } from '../../src/llm/llm-types.ts';
import { collect, failureOf, llmRequest, scriptedProvider } from './llm-test-streams.ts';

const DONE: LlmStreamEvent = {
  type: 'done',
  content: { role: 'model', parts: [{ text: 'Hi.' }] },
  usage: { promptTokens: 100, outputTokens: 7, thoughtsTokens: 40, totalTokens: 147 },
  finishReason: 'STOP',
  modelVersion: 'gemini-2.5-flash-001',
};

let recorded: RecordedSpans;
beforeEach(() => {
  recorded = recordSpans();
});
afterEach(async () => {
  await recorded.stop();
});

describe('traceProvider', () => {
  it('wraps a Gemini generation in a GenAI client span with model, usage and finish reason', async () => {
    const provider = traceProvider(scriptedProvider([{ type: 'text', text: 'Hi.' }, DONE]));

    await collect(provider.stream(llmRequest({ temperature: 0.2 })));

    const [span] = await recorded.finished();
    expect(span?.name).toBe('generate_content gemini-2.5-flash');
    expect(span?.kind).toBe(SpanKind.CLIENT);
    expect(span?.attributes).toMatchObject({
      'gen_ai.operation.name': 'generate_content',
      'gen_ai.provider.name': 'gcp.gemini',
      'gen_ai.request.model': 'gemini-2.5-flash',
      'gen_ai.request.temperature': 0.2,
      'gen_ai.response.model': 'gemini-2.5-flash-001',
      'gen_ai.response.finish_reasons': ['STOP'],
      'gen_ai.usage.input_tokens': 100,
      'gen_ai.usage.output_tokens': 7,
      'gen_ai.usage.reasoning.output_tokens': 40,
    });
  });

  it('describes the offline planner as a chat operation run in this process', async () => {
    const provider = traceProvider(scriptedProvider([DONE], undefined, 'offline'));

    await collect(provider.stream(llmRequest({ model: 'offline-planner' })));

    const [span] = await recorded.finished();
    expect(span?.name).toBe('chat offline-planner');
    expect(span?.kind).toBe(SpanKind.INTERNAL);
    expect(span?.attributes['gen_ai.provider.name']).toBe('pyairtable.offline');
  });

  it('marks a failed generation with its failure kind as error.type', async () => {
    const provider = traceProvider(
      scriptedProvider([], new LlmError('rate-limited', 'slow down'), 'openai-compatible'),
    );

    const { error } = await failureOf(provider.stream(llmRequest()));

    expect(error.failure).toBe('rate-limited');
    const [span] = await recorded.finished();
    expect(span?.name).toBe('chat gemini-2.5-flash');
    expect(span?.attributes['error.type']).toBe('rate-limited');
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'slow down' });
  });
});

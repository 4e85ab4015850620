import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGeminiProvider } from '../../src/llm/gemini-provider.ts';
import type { GeminiProviderOptions } from '../../src/llm/gemini-provider.ts';
import type { LlmContent, LlmProvider, LlmToolDeclaration } from '../../src/llm/llm-types.ts';
import { startGeminiDouble } from '../support/gemini-double.ts';
import type { GeminiDouble } from '../support/gemini-double.ts';
import { collect, failureOf, llmRequest } from './llm-test-streams.ts';

const API_KEY = 'AIzaSyD-test-key-0123456789abcdefghijkl';

const LIST_BASES: LlmToolDeclaration = {
  name: 'list_bases',
  description: 'Lists the Airtable bases this workspace may use.',
  parametersJsonSchema: { type: 'object', properties: {} },
};
const GET_BASE_SCHEMA: LlmToolDeclaration = {
  name: 'get_base_schema',
  description: 'Returns the tables of a base.',
  parametersJsonSchema: {
    type: 'object',
    properties: { baseId: { type: 'string' }, detail: { type: 'string' } },
    required: ['baseId'],
  },
};

let double: GeminiDouble;
let sleeps: number[];

beforeEach(async () => {
  double = await startGeminiDouble();
  sleeps = [];
});

afterEach(async () => {
  await double.close();
});

function provider(overrides: Partial<GeminiProviderOptions> = {}): LlmProvider {
  return createGeminiProvider({
    apiKey: API_KEY,
    baseUrl: double.baseUrl,
    retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 2_000 },
    random: () => 0.5,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...overrides,
  });
}

describe('gemini provider: answers', () => {
  it('streams an answer sent in chunks as several text events, then done with usage', async () => {
    double.enqueue({
      text: ['The Sales CRM ', 'has three ', 'tables.'],
      delayMs: 20,
      usage: { promptTokenCount: 120, candidatesTokenCount: 9, thoughtsTokenCount: 31 },
    });

    const { texts, done } = await collect(provider().stream(llmRequest()));

    expect(texts).toEqual(['The Sales CRM ', 'has three ', 'tables.']);
    expect(done.content).toEqual({
      role: 'model',
      parts: [{ text: 'The Sales CRM has three tables.' }],
    });
    expect(done.usage).toEqual({
      promptTokens: 120,
      outputTokens: 9,
      thoughtsTokens: 31,
      totalTokens: 160,
    });
    expect(done.finishReason).toBe('STOP');
    expect(done.modelVersion).toBe('gemini-2.5-flash');
  });

  it('returns parallel function calls with their ids and thought signatures exactly', async () => {
    double.enqueue({
      functionCalls: [
        { id: 'call-1', name: 'list_bases', args: {}, thoughtSignature: 'c2lnLWE=' },
        {
          id: 'call-2',
          name: 'get_base_schema',
          args: { baseId: 'appmHgZ6xqMi4F07F', detail: 'full' },
          thoughtSignature: 'c2lnLWI=',
        },
      ],
    });

    const { texts, done } = await collect(provider().stream(llmRequest()));

    expect(texts).toEqual([]);
    expect(done.content.parts).toEqual([
      {
        functionCall: { id: 'call-1', name: 'list_bases', args: {} },
        thoughtSignature: 'c2lnLWE=',
      },
      {
        functionCall: {
          id: 'call-2',
          name: 'get_base_schema',
          args: { baseId: 'appmHgZ6xqMi4F07F', detail: 'full' },
        },
        thoughtSignature: 'c2lnLWI=',
      },
    ]);
  });

  it('keeps text before calls spread over chunks, and a signature on the text part', async () => {
    double.enqueue(
      {
        text: 'Let me look.',
        functionCalls: [{ name: 'list_bases' }, { name: 'list_bases', args: { page: 2 } }],
        oneCallPerChunk: true,
      },
      { text: ['Two ', 'bases.'], thoughtSignature: 'dGV4dC1zaWc=' },
    );

    const first = await collect(provider().stream(llmRequest()));
    const second = await collect(provider().stream(llmRequest()));

    expect(first.texts).toEqual(['Let me look.']);
    expect(first.done.content.parts).toEqual([
      { text: 'Let me look.' },
      { functionCall: { name: 'list_bases', args: {} } },
      { functionCall: { name: 'list_bases', args: { page: 2 } } },
    ]);
    expect(second.done.content.parts).toEqual([
      { text: 'Two bases.', thoughtSignature: 'dGV4dC1zaWc=' },
    ]);
  });
});

describe('gemini provider: what the model is sent', () => {
  it('sends tools as functionDeclarations, the system instruction, thinking budget and key', async () => {
    double.enqueue({ text: 'Done.' });
    const history: LlmContent[] = [
      { role: 'user', parts: [{ text: 'Which bases do I have?' }] },
      {
        role: 'model',
        parts: [
          {
            functionCall: { id: 'call-1', name: 'list_bases', args: {} },
            thoughtSignature: 'c2ln',
          },
        ],
      },
      {
        role: 'user',
        parts: [
          {
            functionResponse: {
              id: 'call-1',
              name: 'list_bases',
              response: { output: { bases: [{ id: 'appmHgZ6xqMi4F07F', name: 'Sales CRM' }] } },
            },
          },
        ],
      },
    ];

    await collect(
      provider().stream(
        llmRequest({
          systemInstruction: 'Bases: Sales CRM (appmHgZ6xqMi4F07F).',
          contents: history,
          tools: [LIST_BASES, GET_BASE_SCHEMA],
          temperature: 0.2,
          thinkingBudget: 512,
        }),
      ),
    );

    expect(double.requests).toHaveLength(1);
    const [sent] = double.requests;
    expect(sent?.method).toBe('streamGenerateContent');
    expect(sent?.query.get('alt')).toBe('sse');
    expect(sent?.model).toBe('gemini-2.5-flash');
    expect(sent?.apiKey).toBe(API_KEY);
    expect(sent?.body.tools).toEqual([{ functionDeclarations: [LIST_BASES, GET_BASE_SCHEMA] }]);
    expect(sent?.body.toolConfig).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
    expect(sent?.body.systemInstruction?.parts).toEqual([
      { text: 'Bases: Sales CRM (appmHgZ6xqMi4F07F).' },
    ]);
    expect(sent?.body.generationConfig?.thinkingConfig).toEqual({ thinkingBudget: 512 });
    expect(sent?.body.generationConfig?.temperature).toBe(0.2);
    // The model's turn goes back exactly as returned, signature included.
    expect(sent?.body.contents).toEqual(history);
  });
});

describe('gemini provider: failures', () => {
  it('retries a 429 and answers, waiting as long as RetryInfo asks', async () => {
    double.enqueue({ error: 429, retryDelaySeconds: 1.5 }, { error: 429 }, { text: 'Here.' });

    const { done } = await collect(provider().stream(llmRequest()));

    expect(done.content.parts).toEqual([{ text: 'Here.' }]);
    expect(double.requests).toHaveLength(3);
    // RetryInfo's delay, then full jitter: 0.5 × (100 ms × 2).
    expect(sleeps).toEqual([1_500, 100]);
  });

  it('reports rate-limited once the retries are spent', async () => {
    double.enqueue({ error: 429 }, { error: 429 }, { error: 429 });

    const { error } = await failureOf(provider().stream(llmRequest()));

    expect(error.failure).toBe('rate-limited');
    expect(double.requests).toHaveLength(3);
  });

  it('does not retry a 400 and says why the request was refused', async () => {
    double.enqueue({ error: 400, message: 'Invalid value at contents[0].role' });

    const { error } = await failureOf(provider().stream(llmRequest()));

    expect(error.failure).toBe('invalid-request');
    expect(error.message).toContain('Invalid value at contents[0].role');
    expect(double.requests).toHaveLength(1);
  });

  it('retries a 500 or 503, then reports unavailable', async () => {
    double.enqueue({ error: 500 }, { error: 503 }, { error: 503 });

    const { error } = await failureOf(provider().stream(llmRequest()));

    expect(error.failure).toBe('unavailable');
    expect(double.requests).toHaveLength(3);
  });

  it('never replays an answer that was cut off after it started streaming', async () => {
    double.enqueue({ text: ['The answer ', 'is 42.'], delayMs: 50, dropAfterChunks: 1 });

    const { error, texts } = await failureOf(provider().stream(llmRequest()));

    expect(texts).toEqual(['The answer ']);
    expect(error.failure).toBe('unavailable');
    expect(double.requests).toHaveLength(1);
  });

  it('opens the circuit after repeated 503s so later calls fail fast', async () => {
    const fragile = provider({
      retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10 },
      breaker: { failureThreshold: 2, resetAfterMs: 60_000 },
    });
    double.respondWith(() => ({ error: 503 }));

    await failureOf(fragile.stream(llmRequest()));
    await failureOf(fragile.stream(llmRequest()));
    const { error } = await failureOf(fragile.stream(llmRequest()));

    expect(error.failure).toBe('unavailable');
    expect(error.message).toMatch(/^The model service is unavailable; /);
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(double.requests).toHaveLength(2);
  });

  it('lets a trial call through once the circuit has cooled down', async () => {
    const fragile = provider({
      retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10 },
      breaker: { failureThreshold: 1, resetAfterMs: 50 },
    });
    double.enqueue({ error: 503 }, { text: 'Back.' });

    await failureOf(fragile.stream(llmRequest()));
    await new Promise((resolve) => setTimeout(resolve, 60));
    const { done } = await collect(fragile.stream(llmRequest()));

    expect(done.content.parts).toEqual([{ text: 'Back.' }]);
  });

  it('reports cancelled when the caller aborts while the answer streams', async () => {
    double.enqueue({ text: ['Slowly ', 'but ', 'surely.'], delayMs: 300 });
    const controller = new AbortController();
    const texts: string[] = [];

    const outcome = (async () => {
      for await (const event of provider().stream(llmRequest({ signal: controller.signal }))) {
        if (event.type === 'text') {
          texts.push(event.text);
          controller.abort();
        }
      }
    })();

    await expect(outcome).rejects.toMatchObject({ name: 'LlmError', failure: 'cancelled' });
    expect(texts).toEqual(['Slowly ']);
  });

  it('reports cancelled without calling the model when the signal is already aborted', async () => {
    const signal = AbortSignal.abort();

    const { error } = await failureOf(provider().stream(llmRequest({ signal })));

    expect(error.failure).toBe('cancelled');
    expect(double.requests).toHaveLength(0);
  });

  it('reports a timeout when the answer takes longer than allowed', async () => {
    double.enqueue({ text: ['Too ', 'slow.'], delayMs: 1_000 });

    const { error } = await failureOf(provider({ timeoutMs: 200 }).stream(llmRequest()));

    expect(error.failure).toBe('timeout');
    expect(double.requests).toHaveLength(1);
  });
});

describe('gemini provider: the API key', () => {
  it('reports a refused key as unauthorized without naming the key', async () => {
    await double.close();
    double = await startGeminiDouble({ apiKey: 'the-right-key' });

    const { error } = await failureOf(provider().stream(llmRequest()));

    expect(error.failure).toBe('unauthorized');
    expect(error.message).not.toContain(API_KEY);
    expect(double.requests).toHaveLength(1);
  });

  it('cuts the key out of upstream text quoted in a message', async () => {
    double.enqueue({ error: 400, message: `Key ${API_KEY} is not allowed for this model.` });

    const { error } = await failureOf(provider().stream(llmRequest()));

    expect(error.failure).toBe('invalid-request');
    expect(error.message).toContain('is not allowed for this model');
    expect(error.message).not.toContain(API_KEY);
  });

  it('never names the key in any failure', async () => {
    const scripts = [400, 401, 403, 404, 429, 500, 503] as const;
    double.respondWith(() => ({ error: 500, message: `upstream saw ${API_KEY}` }));
    for (const status of scripts) double.enqueue({ error: status, message: `bad ${API_KEY}` });

    for (let index = 0; index < scripts.length; index += 1) {
      const { error } = await failureOf(
        provider({ retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }).stream(llmRequest()),
      );
      expect(error.message).not.toContain(API_KEY);
      expect(error.message).not.toContain('AIza');
    }
  });
});

import { GoogleGenAI } from '@google/genai';
import { classifyGeminiError } from './gemini-errors.ts';
import { geminiParameters } from './gemini-request.ts';
import { createGeminiTurn } from './gemini-turn.ts';
import type { LlmProvider, LlmRequest, LlmStreamEvent } from './llm-types.ts';
import {
  abortableSleep,
  DEFAULT_LLM_RETRY,
  resilientStream,
  resolveBreaker,
} from './resilient-stream.ts';
import type { ProviderResilience } from './resilient-stream.ts';

/** Settings of {@link createGeminiProvider}. */
export interface GeminiProviderOptions extends ProviderResilience {
  readonly apiKey: string;
  /** Where the Gemini API is; a test double's URL in tests. Defaults to Google's. */
  readonly baseUrl?: string | undefined;
}

const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * Gemini through the real @google/genai client: streams the answer text as it arrives and
 * then the whole model turn (function calls with their ids and thought signatures exactly as
 * returned), with retries before anything was streamed, a circuit breaker over attempts, and
 * failures as {@link LlmError}s whose messages never carry the key.
 *
 * The SDK's own retries stay off (no `retryOptions`): one policy, ours, decides.
 */
export function createGeminiProvider(options: GeminiProviderOptions): LlmProvider {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = new GoogleGenAI({
    apiKey: options.apiKey,
    vertexai: false,
    httpOptions: {
      ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
      timeout: timeoutMs,
    },
  });
  const errorContext = { apiKey: options.apiKey, timeoutMs };
  const resilience = {
    retry: options.retry ?? DEFAULT_LLM_RETRY,
    breaker: resolveBreaker(options.breaker),
    random: options.random ?? Math.random,
    sleep: options.sleep ?? abortableSleep,
    classify: (error: unknown) => classifyGeminiError(error, errorContext),
  };

  async function* attempt(
    request: LlmRequest,
    signal: AbortSignal,
  ): AsyncGenerator<LlmStreamEvent, void, undefined> {
    const chunks = await client.models.generateContentStream(geminiParameters(request, signal));
    const turn = createGeminiTurn();
    for await (const chunk of chunks) {
      for (const text of turn.add(chunk)) yield { type: 'text', text };
    }
    yield turn.done();
  }

  return {
    name: 'gemini',
    stream(request) {
      return resilientStream(request.signal, (signal) => attempt(request, signal), resilience);
    },
  };
}

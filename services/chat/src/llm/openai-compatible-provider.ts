import { OpenAI } from 'openai';
import type { LlmProvider, LlmRequest, LlmStreamEvent } from './llm-types.ts';
import { classifyOpenAiError } from './openai-errors.ts';
import { toOpenAiMessages, toOpenAiTools } from './openai-messages.ts';
import { createOpenAiTurn } from './openai-turn.ts';
import {
  abortableSleep,
  DEFAULT_LLM_RETRY,
  resilientStream,
  resolveBreaker,
} from './resilient-stream.ts';
import type { ProviderResilience } from './resilient-stream.ts';

/** Settings of {@link createOpenAiCompatibleProvider}. */
export interface OpenAiCompatibleProviderOptions extends ProviderResilience {
  /** The server's API root, e.g. `http://localhost:11434/v1` (Ollama) or vLLM's. */
  readonly baseUrl: string;
  /** Local servers usually need none. */
  readonly apiKey?: string | undefined;
  /** The model the server runs; when unset, the request's model name is sent. */
  readonly model?: string | undefined;
}

const DEFAULT_TIMEOUT_MS = 120_000;
// The client refuses to start without a key; servers that need none ignore this one.
const NO_KEY = 'not-needed';

/**
 * A model behind an OpenAI-compatible chat completions API (Ollama, vLLM, llama.cpp, LM
 * Studio) through the `openai` client: our turns become chat messages and back, tools are
 * function tools, and usage comes from `stream_options.include_usage`. The thinking budget
 * is Gemini's and is not sent. Retries and the breaker are the same as Gemini's; the
 * client's own retries are off so one policy decides.
 */
export function createOpenAiCompatibleProvider(
  options: OpenAiCompatibleProviderOptions,
): LlmProvider {
  const apiKey = options.apiKey ?? '';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = new OpenAI({
    baseURL: options.baseUrl,
    apiKey: apiKey === '' ? NO_KEY : apiKey,
    timeout: timeoutMs,
    maxRetries: 0,
  });
  const errorContext = { apiKey, timeoutMs };
  const resilience = {
    retry: options.retry ?? DEFAULT_LLM_RETRY,
    breaker: resolveBreaker(options.breaker),
    random: options.random ?? Math.random,
    sleep: options.sleep ?? abortableSleep,
    classify: (error: unknown) => classifyOpenAiError(error, errorContext),
  };

  async function* attempt(
    request: LlmRequest,
    signal: AbortSignal,
  ): AsyncGenerator<LlmStreamEvent, void, undefined> {
    const tools = toOpenAiTools(request);
    const stream = await client.chat.completions.create(
      {
        model: options.model ?? request.model,
        messages: toOpenAiMessages(request),
        stream: true,
        stream_options: { include_usage: true },
        ...(tools.length === 0 ? {} : { tools, tool_choice: 'auto' as const }),
        ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      },
      { signal },
    );
    const turn = createOpenAiTurn();
    for await (const chunk of stream) {
      const text = turn.add(chunk);
      if (text !== undefined) yield { type: 'text', text };
    }
    yield turn.done();
  }

  return {
    name: 'openai-compatible',
    stream(request) {
      return resilientStream(request.signal, (signal) => attempt(request, signal), resilience);
    },
  };
}

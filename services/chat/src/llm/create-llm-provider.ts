import type { Registry } from 'prom-client';
import { createGeminiProvider } from './gemini-provider.ts';
import { createLlmMetrics, instrumentProvider } from './llm-metrics.ts';
import { traceProvider } from './llm-tracing.ts';
import type { LlmProvider } from './llm-types.ts';
import { createOfflineProvider } from './offline-provider.ts';
import { createOpenAiCompatibleProvider } from './openai-compatible-provider.ts';

/** The configuration that picks and sets up the provider (a subset of chat's). */
export interface LlmProviderConfig {
  readonly GEMINI_API_KEY?: string | undefined;
  readonly GEMINI_BASE_URL?: string | undefined;
  readonly LLM_BASE_URL?: string | undefined;
  readonly LLM_API_KEY?: string | undefined;
  /** The model an OpenAI-compatible server runs; the request's model name when unset. */
  readonly LLM_MODEL?: string | undefined;
  /** Limit for one generation attempt, for Gemini and OpenAI-compatible servers. */
  readonly LLM_TIMEOUT_MS?: number | undefined;
  readonly OFFLINE_LATENCY_MS?: number | undefined;
  /** Makes the offline planner stream its answers in pieces of this many characters. */
  readonly OFFLINE_STREAM_CHUNK_CHARS?: number | undefined;
}

/**
 * The provider the configuration asks for: Gemini when a key is set, else an
 * OpenAI-compatible server when `LLM_BASE_URL` is set, else the offline planner. Empty
 * strings count as unset. Every generation is traced ({@link traceProvider}); with `registry`,
 * the provider is also instrumented with {@link createLlmMetrics}.
 */
export function createLlmProvider(config: LlmProviderConfig, registry?: Registry): LlmProvider {
  const provider = traceProvider(chooseProvider(config));
  return registry === undefined
    ? provider
    : instrumentProvider(provider, createLlmMetrics(registry));
}

function chooseProvider(config: LlmProviderConfig): LlmProvider {
  const geminiKey = present(config.GEMINI_API_KEY);
  if (geminiKey !== undefined) {
    return createGeminiProvider({
      apiKey: geminiKey,
      baseUrl: present(config.GEMINI_BASE_URL),
      timeoutMs: config.LLM_TIMEOUT_MS,
    });
  }
  const baseUrl = present(config.LLM_BASE_URL);
  if (baseUrl !== undefined) {
    return createOpenAiCompatibleProvider({
      baseUrl,
      apiKey: present(config.LLM_API_KEY),
      model: present(config.LLM_MODEL),
      timeoutMs: config.LLM_TIMEOUT_MS,
    });
  }
  return createOfflineProvider({
    latencyMs: config.OFFLINE_LATENCY_MS,
    streamChunkChars: config.OFFLINE_STREAM_CHUNK_CHARS,
  });
}

function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

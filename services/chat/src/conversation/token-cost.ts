import type { LlmProviderName, LlmUsage } from '../llm/llm-types.ts';

/** US dollars per million tokens; thinking tokens are billed as output. */
interface Price {
  readonly input: number;
  readonly output: number;
}

// Google's published list prices for the models a workspace is likely to pick (text, <=200k).
const GEMINI_PRICES: Readonly<Record<string, Price>> = {
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
  'gemini-2.5-pro': { input: 1.25, output: 10 },
};

/**
 * What a generation cost. Only Gemini is priced: the offline planner is free, and the price of
 * a self-hosted OpenAI-compatible model is not ours to know, so it counts as 0.
 */
export function tokenCostUsd(provider: LlmProviderName, model: string, usage: LlmUsage): number {
  if (provider !== 'gemini') return 0;
  const price = GEMINI_PRICES[model.replace(/^models\//, '')];
  if (price === undefined) return 0;
  const output = usage.outputTokens + usage.thoughtsTokens;
  return (usage.promptTokens * price.input + output * price.output) / 1_000_000;
}

import type { OpenAI } from 'openai';
import type { LlmPart, LlmStreamEvent, LlmUsage } from './llm-types.ts';

/** Streamed OpenAI chunks gathered into one model turn. */
export interface OpenAiTurn {
  /** Takes one chunk; returns the answer text it adds. */
  add(chunk: OpenAI.Chat.ChatCompletionChunk): string | undefined;
  /** The whole turn once the stream has ended. */
  done(): Extract<LlmStreamEvent, { type: 'done' }>;
}

interface PendingCall {
  id: string | undefined;
  name: string;
  arguments: string;
}

// Gemini's names for why a turn ended, so every provider reports them alike.
const FINISH_REASONS: Readonly<Record<string, string>> = {
  stop: 'STOP',
  tool_calls: 'STOP',
  function_call: 'STOP',
  length: 'MAX_TOKENS',
  content_filter: 'SAFETY',
};

/**
 * Gathers an OpenAI chat completion stream: content deltas joined into one text part, tool
 * calls assembled by index from their pieces (id and name first, arguments in fragments),
 * usage from the final chunk that `stream_options.include_usage` adds.
 */
export function createOpenAiTurn(): OpenAiTurn {
  let text = '';
  const calls = new Map<number, PendingCall>();
  let usage: LlmUsage = { promptTokens: 0, outputTokens: 0, thoughtsTokens: 0, totalTokens: 0 };
  let finishReason: string | undefined;
  let modelVersion: string | undefined;

  function addToolCall(delta: OpenAI.Chat.ChatCompletionChunk.Choice.Delta.ToolCall): void {
    const call = calls.get(delta.index) ?? { id: undefined, name: '', arguments: '' };
    call.id = delta.id ?? call.id;
    call.name += delta.function?.name ?? '';
    call.arguments += delta.function?.arguments ?? '';
    calls.set(delta.index, call);
  }

  return {
    add(chunk) {
      modelVersion = chunk.model === '' ? modelVersion : chunk.model;
      if (chunk.usage !== undefined && chunk.usage !== null) usage = usageOf(chunk.usage);
      const choice = chunk.choices[0];
      if (choice === undefined) return undefined;
      for (const call of choice.delta.tool_calls ?? []) addToolCall(call);
      if (choice.finish_reason !== null) {
        finishReason = FINISH_REASONS[choice.finish_reason] ?? choice.finish_reason.toUpperCase();
      }
      const delta = choice.delta.content;
      if (delta === undefined || delta === null || delta === '') return undefined;
      text += delta;
      return delta;
    },
    done() {
      const parts: LlmPart[] = text === '' ? [] : [{ text }];
      const ordered = [...calls.entries()].sort(([a], [b]) => a - b);
      for (const [, call] of ordered) {
        parts.push({
          functionCall: {
            ...(call.id === undefined ? {} : { id: call.id }),
            name: call.name,
            args: parseArguments(call.arguments),
          },
        });
      }
      return { type: 'done', content: { role: 'model', parts }, usage, finishReason, modelVersion };
    },
  };
}

// Local models sometimes emit broken JSON; empty arguments let the tool's own validation
// tell the model what is missing, which it can act on.
function parseArguments(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function usageOf(usage: OpenAI.CompletionUsage): LlmUsage {
  const thoughtsTokens = usage.completion_tokens_details?.reasoning_tokens ?? 0;
  return {
    promptTokens: usage.prompt_tokens,
    // OpenAI counts reasoning inside completion tokens; Gemini, like our usage, apart.
    outputTokens: Math.max(0, usage.completion_tokens - thoughtsTokens),
    thoughtsTokens,
    totalTokens: usage.total_tokens,
  };
}

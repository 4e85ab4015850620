import type { GenerateContentResponse, Part } from '@google/genai';
import type { LlmPart, LlmStreamEvent, LlmUsage } from './llm-types.ts';

/** The last event of a stream. */
export type DoneEvent = Extract<LlmStreamEvent, { type: 'done' }>;

/** Streamed Gemini chunks gathered into one model turn. */
export interface GeminiTurn {
  /** Takes one chunk; returns the answer text it adds, to stream on. */
  add(chunk: GenerateContentResponse): string[];
  /** The whole turn once the stream has ended. */
  done(): DoneEvent;
}

interface OpenText {
  text: string;
  thought: boolean | undefined;
  thoughtSignature: string | undefined;
}

type Gathered =
  | { readonly kind: 'text'; readonly part: OpenText }
  | { readonly kind: 'other'; readonly part: LlmPart };

/**
 * Gathers a streamed turn the way Gemini means it to be sent back: text pieces are joined in
 * order (answer text and thought summaries apart), a thought signature stays on the part it
 * arrived on (a signed text part is closed, so later text starts a new one), and function
 * calls are kept whole with their ids and signatures. Parts our contract cannot carry (inline
 * data, code execution) are dropped: the tools we declare never produce them.
 */
export function createGeminiTurn(): GeminiTurn {
  const parts: Gathered[] = [];
  let usage: LlmUsage = { promptTokens: 0, outputTokens: 0, thoughtsTokens: 0, totalTokens: 0 };
  let finishReason: string | undefined;
  let modelVersion: string | undefined;

  function addText(part: Part, text: string): void {
    const last = parts.at(-1);
    const thought = part.thought === true ? true : undefined;
    if (
      last?.kind === 'text' &&
      last.part.thought === thought &&
      last.part.thoughtSignature === undefined
    ) {
      last.part.text += text;
      last.part.thoughtSignature = part.thoughtSignature;
      return;
    }
    parts.push({ kind: 'text', part: { text, thought, thoughtSignature: part.thoughtSignature } });
  }

  function addPart(part: Part): string | undefined {
    if (part.functionCall !== undefined) {
      const { id, name = '', args = {} } = part.functionCall;
      const signature = part.thoughtSignature;
      parts.push({
        kind: 'other',
        part: {
          functionCall: { ...(id === undefined ? {} : { id }), name, args },
          ...(signature === undefined ? {} : { thoughtSignature: signature }),
        },
      });
      return undefined;
    }
    // A signature may arrive on a part of its own with empty or no text.
    if (part.text === undefined && part.thoughtSignature === undefined) return undefined;
    const text = part.text ?? '';
    addText(part, text);
    return part.thought === true || text === '' ? undefined : text;
  }

  return {
    add(chunk) {
      const candidate = chunk.candidates?.[0];
      const deltas: string[] = [];
      for (const part of candidate?.content?.parts ?? []) {
        const delta = addPart(part);
        if (delta !== undefined) deltas.push(delta);
      }
      finishReason = candidate?.finishReason ?? chunk.promptFeedback?.blockReason ?? finishReason;
      modelVersion = chunk.modelVersion ?? modelVersion;
      // Gemini's usage is cumulative: the latest chunk's counts are the turn's.
      if (chunk.usageMetadata !== undefined) usage = usageOf(chunk.usageMetadata);
      return deltas;
    },
    done() {
      return {
        type: 'done',
        content: { role: 'model', parts: parts.map(finished) },
        usage,
        finishReason,
        modelVersion,
      };
    },
  };
}

function finished(gathered: Gathered): LlmPart {
  if (gathered.kind === 'other') return gathered.part;
  const { text, thought, thoughtSignature } = gathered.part;
  return {
    text,
    ...(thought === undefined ? {} : { thought }),
    ...(thoughtSignature === undefined ? {} : { thoughtSignature }),
  };
}

function usageOf(metadata: NonNullable<GenerateContentResponse['usageMetadata']>): LlmUsage {
  const promptTokens = metadata.promptTokenCount ?? 0;
  const outputTokens = metadata.candidatesTokenCount ?? 0;
  const thoughtsTokens = metadata.thoughtsTokenCount ?? 0;
  return {
    promptTokens,
    outputTokens,
    thoughtsTokens,
    totalTokens: metadata.totalTokenCount ?? promptTokens + outputTokens + thoughtsTokens,
  };
}

import type { LlmPart, LlmProvider, LlmRequest, LlmStreamEvent, LlmUsage } from './llm-types.ts';
import { planOfflineStep } from './offline-plan.ts';
import { abortableSleep, cancelledError, throwIfCancelled } from './resilient-stream.ts';
import type { Sleep } from './resilient-stream.ts';
import { estimateTokens } from './token-estimate.ts';

/** Settings of {@link createOfflineProvider}: how much like a model it should feel. */
export interface OfflineProviderOptions {
  /** Pause before each turn's first event, as a model takes to start answering. */
  readonly latencyMs?: number | undefined;
  /** Stream answers in pieces of this many characters; unset sends each answer whole. */
  readonly streamChunkChars?: number | undefined;
  /** Pause between pieces when streaming in pieces. */
  readonly chunkDelayMs?: number | undefined;
  /** Injectable for fast tests. */
  readonly sleep?: Sleep | undefined;
}

/** What the offline provider reports as the model that answered. */
export const OFFLINE_MODEL_VERSION = 'offline-planner';
const DEFAULT_CHUNK_DELAY_MS = 20;

/**
 * The provider for demos, load runs and machines without a model: a deterministic planner
 * ({@link planOfflineStep}) asks for the real tools and writes the answer, every answer saying
 * it came from the offline planner. Latency and token streaming can be simulated so the rest
 * of the system (streaming, metrics, timeouts) is exercised as with a model; usage is counted
 * at four characters per token.
 */
export function createOfflineProvider(options: OfflineProviderOptions = {}): LlmProvider {
  const sleep = options.sleep ?? abortableSleep;
  return {
    name: 'offline',
    stream: (request) => offlineStream(request, options, sleep),
  };
}

async function* offlineStream(
  request: LlmRequest,
  options: OfflineProviderOptions,
  sleep: Sleep,
): AsyncGenerator<LlmStreamEvent, void, undefined> {
  throwIfCancelled(request.signal);
  const step = planOfflineStep(request);
  const promptTokens = estimateTokens(
    request.systemInstruction + JSON.stringify(request.contents) + JSON.stringify(request.tools),
  );
  await pause(options.latencyMs ?? 0, request.signal, sleep);

  if (step.kind === 'calls') {
    // Ids from the turn's position keep the planner deterministic and the pairing exact.
    const parts: LlmPart[] = step.calls.map((planned, index) => ({
      functionCall: {
        id: `offline-${String(request.contents.length)}-${String(index)}`,
        name: planned.name,
        args: planned.args,
      },
    }));
    yield done(parts, usage(promptTokens, estimateTokens(JSON.stringify(parts))));
    return;
  }

  const pieces = split(step.text, options.streamChunkChars);
  for (const [index, piece] of pieces.entries()) {
    if (index > 0)
      await pause(options.chunkDelayMs ?? DEFAULT_CHUNK_DELAY_MS, request.signal, sleep);
    yield { type: 'text', text: piece };
  }
  yield done([{ text: step.text }], usage(promptTokens, estimateTokens(step.text)));
}

function done(parts: LlmPart[], tokens: LlmUsage): LlmStreamEvent {
  return {
    type: 'done',
    content: { role: 'model', parts },
    usage: tokens,
    finishReason: 'STOP',
    modelVersion: OFFLINE_MODEL_VERSION,
  };
}

function usage(promptTokens: number, outputTokens: number): LlmUsage {
  return {
    promptTokens,
    outputTokens,
    thoughtsTokens: 0,
    totalTokens: promptTokens + outputTokens,
  };
}

function split(text: string, size: number | undefined): string[] {
  if (size === undefined || size <= 0 || text.length <= size) return [text];
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size)
    pieces.push(text.slice(start, start + size));
  return pieces;
}

async function pause(ms: number, signal: AbortSignal, sleep: Sleep): Promise<void> {
  throwIfCancelled(signal);
  if (ms <= 0) return;
  try {
    await sleep(ms, signal);
  } catch (error) {
    if (signal.aborted) throw cancelledError(error);
    throw error;
  }
}

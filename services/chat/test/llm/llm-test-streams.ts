import { LlmError } from '../../src/llm/llm-types.ts';
import type {
  LlmProvider,
  LlmProviderName,
  LlmRequest,
  LlmStreamEvent,
} from '../../src/llm/llm-types.ts';

/** The last event of a stream. */
export type DoneEvent = Extract<LlmStreamEvent, { type: 'done' }>;

/** What a stream gave: its text events in order and its done event. */
export interface CollectedStream {
  readonly texts: string[];
  readonly done: DoneEvent;
}

/** A provider that streams `events` (each on its own tick) and then fails with `failure`, if given. */
export function scriptedProvider(
  events: readonly LlmStreamEvent[],
  failure?: LlmError,
  name: LlmProviderName = 'gemini',
): LlmProvider {
  return {
    name,
    async *stream() {
      for (const event of events) {
        await Promise.resolve();
        yield event;
      }
      if (failure !== undefined) throw failure;
    },
  };
}

/** A request with one user question and no tools, changed by `overrides`. */
export function llmRequest(overrides: Partial<LlmRequest> = {}): LlmRequest {
  return {
    model: 'gemini-2.5-flash',
    systemInstruction: 'You answer questions about Airtable bases.',
    contents: [{ role: 'user', parts: [{ text: 'Hello?' }] }],
    tools: [],
    signal: new AbortController().signal,
    ...overrides,
  };
}

/** Reads a stream to its end; fails when it does not end with exactly one done event. */
export async function collect(stream: AsyncIterable<LlmStreamEvent>): Promise<CollectedStream> {
  const texts: string[] = [];
  let done: DoneEvent | undefined;
  for await (const event of stream) {
    if (done !== undefined) throw new Error('an event followed done');
    if (event.type === 'text') texts.push(event.text);
    else done = event;
  }
  if (done === undefined) throw new Error('the stream ended without done');
  return { texts, done };
}

/** The LlmError a stream fails with, and the text it streamed before. */
export async function failureOf(
  stream: AsyncIterable<LlmStreamEvent>,
): Promise<{ error: LlmError; texts: string[] }> {
  const texts: string[] = [];
  try {
    for await (const event of stream) if (event.type === 'text') texts.push(event.text);
  } catch (error) {
    if (error instanceof LlmError) return { error, texts };
    throw error;
  }
  throw new Error('the stream did not fail');
}

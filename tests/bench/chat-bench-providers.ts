/**
 * Model doubles for the chat benchmark: they answer without any model latency, so what is
 * measured is chat itself (HTTP, identity, Postgres, the stream buffer, the tool loop).
 */
import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import type { ChatAppOptions, LlmProvider } from '@pyairtable/chat';

type LlmStreamEvent =
  ReturnType<LlmProvider['stream']> extends AsyncIterable<infer Event> ? Event : never;
type WorkspaceTools = Awaited<ReturnType<NonNullable<ChatAppOptions['openTools']>>>;

const ANSWER = 'Benchmark answer.';
// A few tokens, so usage is written as with a model but the tenant's daily quota lasts.
const USAGE = { promptTokens: 3, outputTokens: 2, thoughtsTokens: 0, totalTokens: 5 };

function finalAnswer(): LlmStreamEvent[] {
  return [
    { type: 'text', text: ANSWER },
    { type: 'done', content: { role: 'model', parts: [{ text: ANSWER }] }, usage: USAGE },
  ];
}

/** Answers every question at once with one short sentence. */
export function instantProvider(): LlmProvider {
  return {
    name: 'offline',
    // eslint-disable-next-line @typescript-eslint/require-await -- an async iterable with no waiting is the point
    async *stream() {
      yield* finalAnswer();
    },
  };
}

/**
 * Asks for one `list_records` call on the demo Deals table, then answers once the result is
 * back: one round trip through chat's tool loop, mcp and the emulator per turn.
 */
export function oneToolCallProvider(): LlmProvider {
  return {
    name: 'offline',
    // eslint-disable-next-line @typescript-eslint/require-await -- no model latency on purpose
    async *stream(request) {
      const last = request.contents.at(-1);
      const toolResultsIn = last?.parts.some((part) => 'functionResponse' in part) === true;
      if (toolResultsIn) {
        yield* finalAnswer();
        return;
      }
      yield {
        type: 'done',
        content: {
          role: 'model',
          parts: [
            {
              functionCall: {
                id: 'bench-call',
                name: 'list_records',
                args: { baseId: DEMO_SALES_BASE_ID, table: 'Deals', pageSize: 3 },
              },
            },
          ],
        },
        usage: USAGE,
      };
    },
  };
}

/** A provider whose answers wait until {@link StallingProvider.release}. */
export interface StallingProvider extends LlmProvider {
  /** Generations waiting for the release right now. */
  readonly waiting: number;
  /** Lets every waiting and future generation answer. */
  release(): void;
}

/** Holds every answer open (as a slow model would) until released or cancelled. */
export function stallingProvider(): StallingProvider {
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let waiting = 0;
  return {
    name: 'offline',
    get waiting() {
      return waiting;
    },
    release,
    async *stream(request) {
      waiting += 1;
      try {
        await Promise.race([released, aborted(request.signal)]);
      } finally {
        waiting -= 1;
      }
      yield* finalAnswer();
    },
  };
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    const fail = (): void => {
      reject(new Error('cancelled'));
    };
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

/** Workspace tools that offer nothing and cost nothing: the turn never leaves chat. */
export function noTools(): Promise<WorkspaceTools> {
  return Promise.resolve({
    declarations: [],
    call: () => Promise.resolve({ ok: true, value: { bases: [] }, text: '' }),
    close: () => Promise.resolve(),
  });
}

import type { BenchSection } from './bench-report.ts';
import { chatBenchClient } from './chat-bench-client.ts';
import type { ChatBenchClient } from './chat-bench-client.ts';
import { instantProvider, noTools, oneToolCallProvider } from './chat-bench-providers.ts';
import { startChatBenchStack } from './chat-bench-stack.ts';
import type { ChatBenchStack, RunningChat } from './chat-bench-stack.ts';
import { measureStreamMemory } from './chat-stream-memory.ts';
import { measureThroughput, timeSequentialTurns } from './chat-turn-load.ts';
import { percentile } from './latency-stats.ts';

// Counts and time caps keep the whole section well under 90 s on a 2-vCPU machine.
const WARMUP_TURNS = 20;
const BARE_TURNS = 200;
const TOOL_TURNS = 100;
const SEQUENTIAL_MAX_MS = 15_000;
const CONCURRENCY = 16;
const THROUGHPUT_MS = 10_000;
const THROUGHPUT_SESSIONS = 256;
const STREAMS = 1_000;

/**
 * chat's own cost per turn, with model doubles that answer at once: latency with no tools and
 * with one tool call through mcp and the emulator, turns per second with many sessions at
 * once, and the memory an open SSE stream holds.
 */
export async function chatBenchmarks(): Promise<BenchSection> {
  const stack = await startChatBenchStack();
  try {
    const bare = await withChat(stack, { provider: instantProvider(), openTools: noTools }, (c) =>
      timeSequentialTurns(c, { turns: BARE_TURNS, warmup: WARMUP_TURNS, maxMs: SEQUENTIAL_MAX_MS }),
    );
    const tool = await withChat(stack, { provider: oneToolCallProvider() }, (c) =>
      timeSequentialTurns(c, { turns: TOOL_TURNS, warmup: WARMUP_TURNS, maxMs: SEQUENTIAL_MAX_MS }),
    );
    const load = await withChat(stack, { provider: instantProvider(), openTools: noTools }, (c) =>
      measureThroughput(c, {
        concurrency: CONCURRENCY,
        durationMs: THROUGHPUT_MS,
        sessions: THROUGHPUT_SESSIONS,
      }),
    );
    const memory = await measureStreamMemory(stack, STREAMS);
    return {
      title: 'Chat orchestration',
      method: method(memory.gcForced),
      rows: [
        {
          ...latencyRow('turn latency, no tools', bare),
          target: '< 5 ms per turn (p50)',
          met:
            percentile(
              [...bare].sort((a, b) => a - b),
              0.5,
            ) < 5,
        },
        latencyRow('turn latency, one tool call via mcp', tool),
        {
          metric: `turns per second, ${CONCURRENCY} sessions in parallel`,
          value: `${(load.completed / load.seconds).toFixed(0)} turns/s (${load.completed} turns in ${load.seconds.toFixed(1)} s, ${load.failed} failed)`,
        },
        {
          metric: `memory per open SSE stream (${memory.opened} of ${memory.streams} open, chat counted ${memory.countedOpen})`,
          value: `${kib(memory.heapBytesPerStream)} V8 heap + external; RSS ${signedMib(memory.rssChangeBytes)} in all`,
        },
        {
          metric: 'open streams per GB (1 GiB / V8 heap + external per stream)',
          value: streamsPerGiB(memory.heapBytesPerStream),
          target: '≥ 5,000',
          met: memory.heapBytesPerStream > 0 && 2 ** 30 / memory.heapBytesPerStream >= 5_000,
        },
        {
          metric: 'streams ending with message.completed after release',
          value: `${memory.completed} of ${memory.streams} in ${memory.releaseToEndMs.toFixed(0)} ms`,
        },
      ],
    };
  } finally {
    await stack.close();
  }
}

function method(gcForced: boolean): string {
  const collected = gcForced
    ? 'after forced garbage collection'
    : 'without garbage collection (gc was unavailable, so garbage is included)';
  return [
    'The real chat app on 127.0.0.1 (HTTP, access tokens, registry, Postgres, in-process stream',
    'buffer) with model doubles that answer at once, so every number is chat’s own overhead.',
    `Latency: ${BARE_TURNS} non-streaming questions one after another, each in a new session, after`,
    `${WARMUP_TURNS} untimed ones, from sending the POST to the response carrying the stored answer;`,
    'first with no tools, then with one list_records call per turn through the real mcp (a new MCP',
    `connection per turn, as in production) and the Airtable emulator (${TOOL_TURNS} turns); each`,
    `series stops after ${SEQUENTIAL_MAX_MS / 1000} s. Throughput: ${CONCURRENCY} clients asking back`,
    `to back for ${THROUGHPUT_MS / 1000} s, no tools, over ${THROUGHPUT_SESSIONS} sessions.`,
    `Streams: ${STREAMS} answers held open by a model that waits, then one`,
    'GET …/messages/{id}/events per answer from a separate process (so client sockets are not',
    `counted); chat’s V8 heap + external memory ${collected}, before and after, divided by the`,
    'streams open. RSS is for reference only: pages freed by earlier phases are reused, so it moves',
    'less than the heap and varies between runs. Then the model is released and every stream is',
    'followed to message.completed.',
  ].join(' ');
}

/** Runs `work` against a chat app started for it, and stops the app. */
async function withChat<Result>(
  stack: ChatBenchStack,
  options: Parameters<ChatBenchStack['startChat']>[0],
  work: (client: ChatBenchClient) => Promise<Result>,
): Promise<Result> {
  const chat: RunningChat = await stack.startChat(options);
  try {
    return await work(await chatBenchClient(chat.url, stack.seeded));
  } finally {
    await chat.close();
  }
}

function latencyRow(metric: string, samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number): string => percentile(sorted, fraction).toFixed(1);
  return {
    metric: `${metric} p50 / p95 / p99`,
    value: `${at(0.5)} / ${at(0.95)} / ${at(0.99)} ms (${sorted.length} turns)`,
  };
}

/** How many streams of `bytesPerStream` fit in 1 GiB; a non-positive reading is no answer. */
function streamsPerGiB(bytesPerStream: number): string {
  if (bytesPerStream <= 0) return 'not measurable (memory did not grow)';
  return (2 ** 30 / bytesPerStream).toLocaleString('en', { maximumFractionDigits: 0 });
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function signedMib(bytes: number): string {
  return `${bytes < 0 ? '−' : '+'}${(Math.abs(bytes) / 2 ** 20).toFixed(1)} MiB`;
}

/**
 * Memory an open SSE stream costs chat: many answers held open by a stalled model, then one
 * stream per answer opened from another process, the server's memory compared before and
 * after, then the model released and every stream followed to its end.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ServiceApp } from '@pyairtable/kit';
import { chatBenchClient } from './chat-bench-client.ts';
import { noTools, stallingProvider } from './chat-bench-providers.ts';
import type { ChatBenchStack } from './chat-bench-stack.ts';
import type { OpenStreams, SseClientsReport } from './chat-sse-clients.ts';
import { createSessions } from './chat-turn-load.ts';

const STEP_TIMEOUT_MS = 30_000;
const START_CONCURRENCY = 32;

/** What holding the streams open cost, and how they ended. */
export interface StreamMemoryResult {
  readonly streams: number;
  /** Streams that delivered their first event (the rest failed to open). */
  readonly opened: number;
  /** V8 heap plus memory outside it (socket buffers, ArrayBuffers), per open stream. */
  readonly heapBytesPerStream: number;
  /** How much the process's RSS changed; pages freed earlier are reused, so it varies. */
  readonly rssChangeBytes: number;
  /** chat_open_streams while they were open, as chat counts them. */
  readonly countedOpen: number;
  /** Whether garbage was collected before each reading (else the numbers include garbage). */
  readonly gcForced: boolean;
  /** Streams that received message.completed after the release. */
  readonly completed: number;
  /** From releasing the model to the last stream ending. */
  readonly releaseToEndMs: number;
}

/** Opens `count` streams on `count` stalled answers and measures the server's memory. */
export async function measureStreamMemory(
  stack: ChatBenchStack,
  count: number,
): Promise<StreamMemoryResult> {
  const provider = stallingProvider();
  const chat = await stack.startChat({ provider, openTools: noTools });
  const clients = fork(path.join(import.meta.dirname, 'chat-sse-clients.ts'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const client = await chatBenchClient(chat.url, stack.seeded);
    const sessions = await createSessions(client, count, START_CONCURRENCY);
    const streamUrls: string[] = [];
    await inParallel(sessions, START_CONCURRENCY, async (session) => {
      const answer = await client.startAnswer(session, 'Take your time.');
      streamUrls.push(`${chat.url}/api/chat/sessions/${session}/messages/${answer}/events`);
    });
    await waitFor('answers to reach the model', () => provider.waiting === count);
    await waitFor('the dropped streams to close', async () => (await openStreams(chat.app)) === 0);

    const collect = garbageCollector();
    const before = await settledMemory(collect);
    const opened = nextReport(clients, 'opened');
    const request: OpenStreams = {
      type: 'open',
      urls: streamUrls,
      headers: { authorization: client.headers['authorization'] ?? '' },
    };
    clients.send(request);
    const { open } = await opened;
    const countedOpen = await openStreams(chat.app);
    const after = await settledMemory(collect);

    const ended = nextReport(clients, 'ended');
    const released = performance.now();
    provider.release();
    const { completed } = await ended;
    const releaseToEndMs = performance.now() - released;
    return {
      streams: count,
      opened: open,
      heapBytesPerStream: open === 0 ? Number.NaN : (after.heap - before.heap) / open,
      rssChangeBytes: after.rss - before.rss,
      countedOpen,
      gcForced: collect !== undefined,
      completed,
      releaseToEndMs,
    };
  } finally {
    provider.release();
    clients.kill();
    await chat.close();
  }
}

/** `work` on every item, at most `concurrency` at a time. */
async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** `global.gc` when node runs with --expose-gc; else switched on now (V8 allows it at runtime). */
function garbageCollector(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) return exposed;
  v8.setFlagsFromString('--expose-gc');
  const collect: unknown = runInNewContext('gc');
  return typeof collect === 'function' ? (collect as () => void) : undefined;
}

async function settledMemory(collect: (() => void) | undefined): Promise<{
  heap: number;
  rss: number;
}> {
  // Twice with a pause: finalizers freed by the first pass release more in the second.
  for (let pass = 0; pass < 2; pass += 1) {
    collect?.();
    await sleep(100);
  }
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed + usage.external, rss: usage.rss };
}

async function openStreams(app: ServiceApp): Promise<number> {
  const metric = app.metrics.getSingleMetric('chat_open_streams');
  const values = metric === undefined ? [] : (await metric.get()).values;
  return values.reduce((sum, sample) => sum + sample.value, 0);
}

async function waitFor(what: string, done: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = performance.now() + STEP_TIMEOUT_MS;
  while (!(await done())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function nextReport<Type extends SseClientsReport['type']>(
  child: ChildProcess,
  type: Type,
): Promise<Extract<SseClientsReport, { type: Type }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`the SSE clients did not report ${type} in time`));
    }, STEP_TIMEOUT_MS);
    const onMessage = (message: unknown): void => {
      const report = message as SseClientsReport;
      if (report.type !== type) return;
      cleanup();
      resolve(report as Extract<SseClientsReport, { type: Type }>);
    };
    const onExit = (): void => {
      cleanup();
      reject(new Error(`the SSE clients exited before reporting ${type}`));
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

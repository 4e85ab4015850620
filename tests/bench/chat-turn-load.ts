/** Driving turns through chat: one after another for latency, many at once for throughput. */
import type { ChatBenchClient } from './chat-bench-client.ts';

const QUESTION = 'How many deals are there?';

/** `count` new sessions, created `concurrency` at a time. */
export async function createSessions(
  client: ChatBenchClient,
  count: number,
  concurrency = 16,
): Promise<string[]> {
  const sessions: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next += 1;
      sessions.push(await client.createSession());
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return sessions;
}

/**
 * Times `turns` questions one after another (after `warmup` untimed ones), each in a session
 * of its own so every turn does the same work, stopping early once `maxMs` have passed.
 * Returns each request's duration in milliseconds, from sending it to the stored answer.
 */
export async function timeSequentialTurns(
  client: ChatBenchClient,
  options: { readonly turns: number; readonly warmup: number; readonly maxMs: number },
): Promise<number[]> {
  const sessions = await createSessions(client, options.turns + options.warmup);
  const samples: number[] = [];
  const deadline = performance.now() + options.maxMs;
  for (const [index, session] of sessions.entries()) {
    const begin = performance.now();
    await client.ask(session, QUESTION);
    if (index >= options.warmup) samples.push(performance.now() - begin);
    if (performance.now() > deadline) break;
  }
  return samples;
}

/** What a throughput run achieved. */
export interface ThroughputResult {
  readonly completed: number;
  readonly failed: number;
  readonly seconds: number;
}

/**
 * `concurrency` clients asking back to back for `durationMs`. Sessions come from a pool much
 * larger than the number in flight, so no two turns ever share a session (chat refuses a
 * second question while one is answered) and conversations stay a few turns long.
 */
export async function measureThroughput(
  client: ChatBenchClient,
  options: { readonly concurrency: number; readonly durationMs: number; readonly sessions: number },
): Promise<ThroughputResult> {
  const sessions = await createSessions(client, options.sessions);
  let completed = 0;
  let failed = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const session = sessions[next % sessions.length] ?? '';
      next += 1;
      try {
        await client.ask(session, QUESTION);
        completed += 1;
      } catch {
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { completed, failed, seconds: (performance.now() - started) / 1000 };
}

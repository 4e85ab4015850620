/**
 * The load clients of the platform HTTP benchmark, run with `fork()` so their CPU is spent
 * outside the event loop of the process serving the requests (the two still share the
 * machine's cores). Answers each {@link LoadJob} with a {@link LoadResult}, one at a time,
 * until the parent disconnects.
 */
import { Agent, request } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** `clients` callers sending GET `url` back to back, for `requests` each or `durationMs`. */
export interface ClosedLoopJob {
  readonly type: 'closed';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly clients: number;
  readonly warmup: number;
  /** Stop after this many timed requests in all, or … */
  readonly requests?: number;
  /** … after this long. */
  readonly durationMs?: number;
}

/** GET `url` at a constant `perSecond`, whatever the answers' speed, for `durationMs`. */
export interface OpenLoopJob {
  readonly type: 'open';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly perSecond: number;
  readonly durationMs: number;
  readonly warmup: number;
}

/** One MCP client calling `tool` with `args` `calls` times, one call at a time. */
export interface McpCallsJob {
  readonly type: 'mcp';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly tool: string;
  readonly args: Readonly<Record<string, unknown>>;
  readonly warmup: number;
  readonly calls: number;
}

export type LoadJob = ClosedLoopJob | OpenLoopJob | McpCallsJob;

/** What one job measured. */
export interface LoadResult {
  /** Each successful timed request's latency, ms (open loop: from its scheduled send time). */
  readonly samples: readonly number[];
  readonly completed: number;
  readonly failed: number;
  /** From the first timed request to the last answer. */
  readonly seconds: number;
  /** Open loop only: requests sent more than 1 ms after their scheduled time. */
  readonly lateSends: number;
}

// Enough sockets that the open loop never waits for a free one below the rates it asks for.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** Resolves with the status once the whole body has been read; never rejects. */
function get(url: string, headers: Readonly<Record<string, string>>): Promise<number> {
  return new Promise((resolve) => {
    const outgoing = request(url, { agent, headers }, (response) => {
      response.resume();
      response.on('end', () => {
        resolve(response.statusCode ?? 0);
      });
      response.on('error', () => {
        resolve(0);
      });
    });
    outgoing.on('error', () => {
      resolve(0);
    });
    outgoing.end();
  });
}

async function closedLoop(job: ClosedLoopJob): Promise<LoadResult> {
  for (let index = 0; index < job.warmup; index += 1) await get(job.url, job.headers);
  const samples: number[] = [];
  let failed = 0;
  let started = 0;
  const begin = performance.now();
  const deadline = begin + (job.durationMs ?? Number.POSITIVE_INFINITY);
  const limit = job.requests ?? Number.POSITIVE_INFINITY;
  const caller = async (): Promise<void> => {
    while (started < limit && performance.now() < deadline) {
      started += 1;
      const sent = performance.now();
      const status = await get(job.url, job.headers);
      if (status === 200) samples.push(performance.now() - sent);
      else failed += 1;
    }
  };
  await Promise.all(Array.from({ length: job.clients }, caller));
  const seconds = (performance.now() - begin) / 1000;
  return { samples, completed: samples.length, failed, seconds, lateSends: 0 };
}

/**
 * Sends request i at `start + i / perSecond` however slowly earlier ones are answered, and
 * times it from that scheduled moment, so a stall delays every request it holds up
 * (no coordinated omission). A 1 ms timer dispatches every request that has fallen due.
 */
async function openLoop(job: OpenLoopJob): Promise<LoadResult> {
  for (let index = 0; index < job.warmup; index += 1) await get(job.url, job.headers);
  const total = Math.round((job.perSecond * job.durationMs) / 1000);
  const intervalMs = 1000 / job.perSecond;
  const samples: number[] = [];
  const pending: Promise<void>[] = [];
  let failed = 0;
  let lateSends = 0;
  let next = 0;
  const begin = performance.now();
  await new Promise<void>((resolve) => {
    const dispatch = (): void => {
      const now = performance.now();
      while (next < total && begin + next * intervalMs <= now) {
        const scheduled = begin + next * intervalMs;
        if (now - scheduled > 1) lateSends += 1;
        pending.push(
          get(job.url, job.headers).then((status) => {
            if (status === 200) samples.push(performance.now() - scheduled);
            else failed += 1;
          }),
        );
        next += 1;
      }
      if (next < total) setTimeout(dispatch, 1);
      else resolve();
    };
    dispatch();
  });
  await Promise.all(pending);
  const seconds = (performance.now() - begin) / 1000;
  return { samples, completed: samples.length, failed, seconds, lateSends };
}

async function mcpCalls(job: McpCallsJob): Promise<LoadResult> {
  const client = new Client({ name: 'platform-http-bench', version: '0.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(job.url), { requestInit: { headers: job.headers } }),
  );
  try {
    const call = async (): Promise<boolean> => {
      const result = await client.callTool({ name: job.tool, arguments: { ...job.args } });
      return result.isError !== true;
    };
    for (let index = 0; index < job.warmup; index += 1) await call();
    const samples: number[] = [];
    let failed = 0;
    const begin = performance.now();
    for (let index = 0; index < job.calls; index += 1) {
      const sent = performance.now();
      if (await call()) samples.push(performance.now() - sent);
      else failed += 1;
    }
    const seconds = (performance.now() - begin) / 1000;
    return { samples, completed: samples.length, failed, seconds, lateSends: 0 };
  } finally {
    await client.close();
  }
}

function run(job: LoadJob): Promise<LoadResult> {
  switch (job.type) {
    case 'closed':
      return closedLoop(job);
    case 'open':
      return openLoop(job);
    case 'mcp':
      return mcpCalls(job);
  }
}

process.on('message', (message) => {
  void run(message as LoadJob).then(
    (result) => process.send?.({ ok: true, result }),
    (error: unknown) => process.send?.({ ok: false, error: String(error) }),
  );
});
process.on('disconnect', () => {
  agent.destroy();
});

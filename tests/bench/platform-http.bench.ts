import { loadavg } from 'node:os';
import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import type { BenchRow, BenchSection } from './bench-report.ts';
import { startLoadProcess } from './platform-http-load-process.ts';
import type { ClosedLoopJob } from './platform-http-load.ts';
import {
  latencyRounds,
  openLoopRounds,
  pairedLatency,
  pairedThroughput,
} from './platform-http-rounds.ts';
import type { RoundLatency } from './platform-http-rounds.ts';
import { startPlatformHttpStack } from './platform-http-stack.ts';

// Counts and durations keep the whole section near a minute on a 2-vCPU machine.
const LATENCY_ROUNDS = 5;
const LATENCY_REQUESTS = 1_000;
const WARMUP = 100;
const THROUGHPUT_ROUNDS = 3;
const THROUGHPUT_CLIENTS = 16;
const THROUGHPUT_MS = 3_000;
const OPEN_ROUNDS = 3;
const OPEN_RATE = 1_000;
const OPEN_MS = 5_000;
const MCP_ROUNDS = 3;
const MCP_CALLS = 300;
const MCP_WARMUP = 20;

const RECORDS_PATH = `/bases/${DEMO_SALES_BASE_ID}/tables/Deals/records?pageSize=20`;
const TOOL_ARGS = { baseId: DEMO_SALES_BASE_ID, table: 'Deals', pageSize: 20 };

/**
 * The platform's HTTP edge on cached data: what the gateway adds in front of mcp's Airtable
 * REST API, cached REST reads at a fixed arrival rate, and MCP tools/call on cached data.
 */
export async function platformHttpBenchmarks(): Promise<BenchSection> {
  const load1m = loadavg()[0] ?? Number.NaN;
  const stack = await startPlatformHttpStack();
  const load = startLoadProcess();
  try {
    const headers = { 'x-api-key': stack.seeded.apiKey };
    const directUrl = `${stack.mcpUrl}/api/v1/airtable${RECORDS_PATH}`;
    const gatewayUrl = `${stack.gatewayUrl}/api/airtable${RECORDS_PATH}`;
    for (const url of [directUrl, gatewayUrl]) {
      const response = await fetch(url, { headers });
      if (response.status !== 200) throw new Error(`${url}: ${String(response.status)}`);
      await response.arrayBuffer();
    }
    const mcp = { type: 'mcp', url: `${stack.mcpUrl}/mcp`, headers, tool: 'list_records' } as const;
    await load.run({ ...mcp, args: TOOL_ARGS, warmup: 0, calls: 1 });
    const emulatorBefore = stack.emulatorRequests();
    const measuring = performance.now();

    const oneClient = (url: string): ClosedLoopJob => ({
      type: 'closed',
      url,
      headers,
      clients: 1,
      warmup: WARMUP,
      requests: LATENCY_REQUESTS,
    });
    const manyClients = (url: string): ClosedLoopJob => ({
      type: 'closed',
      url,
      headers,
      clients: THROUGHPUT_CLIENTS,
      warmup: WARMUP,
      durationMs: THROUGHPUT_MS,
    });
    const latency = await pairedLatency(
      load,
      oneClient(directUrl),
      oneClient(gatewayUrl),
      LATENCY_ROUNDS,
    );
    const throughput = await pairedThroughput(
      load,
      manyClients(directUrl),
      manyClients(gatewayUrl),
      THROUGHPUT_ROUNDS,
    );
    const open = await openLoopRounds(
      load,
      {
        type: 'open',
        url: directUrl,
        headers,
        perSecond: OPEN_RATE,
        durationMs: OPEN_MS,
        warmup: WARMUP,
      },
      OPEN_ROUNDS,
    );
    const calls = await latencyRounds(
      load,
      { ...mcp, args: TOOL_ARGS, warmup: MCP_WARMUP, calls: MCP_CALLS },
      MCP_ROUNDS,
    );
    const emulatorDuring = stack.emulatorRequests() - emulatorBefore;
    const measuredSeconds = (performance.now() - measuring) / 1000;

    const ratio = throughput.gateway / throughput.direct;
    const rows: BenchRow[] = [
      latencyRow('cached REST read direct to mcp, one client', latency.direct),
      latencyRow('same read via the gateway, one client', latency.gateway),
      {
        metric: 'latency the gateway adds (p50 via gateway − p50 direct)',
        value: `${latency.addedP50.toFixed(3)} ms`,
        target: '< 1 ms',
        met: latency.addedP50 < 1,
      },
      {
        metric: `cached REST reads/s, ${THROUGHPUT_CLIENTS} clients, direct to mcp`,
        value: `${throughput.direct.toFixed(0)} requests/s`,
      },
      {
        metric: `cached REST reads/s, ${THROUGHPUT_CLIENTS} clients, via the gateway`,
        value: `${throughput.gateway.toFixed(0)} requests/s (${String(throughput.failed)} failed in all rounds)`,
      },
      {
        metric: 'gateway throughput as a share of direct',
        value: `${(ratio * 100).toFixed(0)}%`,
        target: '≥ 60% of direct',
        met: ratio >= 0.6 && throughput.failed === 0,
      },
      {
        metric: `cached REST reads at ${OPEN_RATE.toLocaleString('en')}/s open loop, p50 / p99 from scheduled send`,
        value: `${ms(open.p50)} / ${ms(open.p99)} ms`,
        target: 'p99 < 5 ms',
        met: open.p99 < 5 && open.failed === 0,
      },
      {
        metric: `rate sustained (asked ${OPEN_RATE.toLocaleString('en')}/s)`,
        value: `${open.achievedPerSecond.toFixed(0)} answers/s; ${String(open.failed)} failed, ${String(open.lateSends)} of ${String(open.rounds * OPEN_RATE * (OPEN_MS / 1000))} sent > 1 ms late`,
      },
      {
        metric: 'MCP tools/call list_records on cached data, p50 / p99',
        value: `${ms(calls.p50)} / ${ms(calls.p99)} ms (${String(calls.requestsPerRound)} calls a round, ${String(calls.failed)} failed)`,
        target: 'p99 < 10 ms',
        met: calls.p99 < 10 && calls.failed === 0,
      },
      {
        metric: 'requests reaching the emulator while measuring',
        value: `${String(emulatorDuring)} in ${measuredSeconds.toFixed(0)} s (cached records are refetched after 30 s)`,
      },
    ];
    return { title: 'Platform HTTP edge', method: method(load1m), rows };
  } finally {
    await load.close();
    await stack.close();
  }
}

function method(load1m: number): string {
  return [
    'The real gateway in front of the real mcp, each its own process started as `npm start`',
    'starts it (tracing preloaded, LOG_LEVEL=warn so request logs are not measured), with',
    'Postgres, the registry and the Airtable emulator (no rate limits; mcp keeps production’s',
    'Airtable limits) in the benchmark’s process on 127.0.0.1; the clients run in a forked',
    'process (node:http with keep-alive, an editor API key). All of them share the machine’s',
    `cores (1-minute load average ${load1m.toFixed(2)} when the section started). The read is`,
    `GET …/bases/{Sales}/tables/Deals/records?pageSize=20, cached by one untimed miss first.`,
    `Latency: one client, ${LATENCY_REQUESTS} requests back to back after ${WARMUP} untimed, direct`,
    `(/api/v1/airtable on mcp) then via the gateway (/api/airtable), alternating, ${LATENCY_ROUNDS}`,
    'rounds; each value is the median of the rounds’ p50 or p99, and the added latency the median',
    `of each round’s difference of p50s. Throughput: ${THROUGHPUT_CLIENTS} clients back to back for`,
    `${THROUGHPUT_MS / 1000} s, direct then via the gateway, ${THROUGHPUT_ROUNDS} rounds, median`,
    `rate. Open loop: ${OPEN_RATE} requests/s scheduled at fixed times for ${OPEN_MS / 1000} s`,
    'direct to mcp, whatever the answers’ speed, each timed from its scheduled send (so a stall',
    `counts against every request behind it), ${OPEN_ROUNDS} rounds. MCP: the SDK’s`,
    'StreamableHTTPClientTransport against mcp’s stateless /mcp (one POST per call), one',
    `client calling list_records with the same arguments ${MCP_CALLS} times after ${MCP_WARMUP}`,
    `untimed, ${MCP_ROUNDS} rounds.`,
  ].join(' ');
}

function latencyRow(metric: string, latency: RoundLatency): BenchRow {
  return {
    metric: `${metric}, p50 / p99`,
    value: `${ms(latency.p50)} / ${ms(latency.p99)} ms (${String(latency.requestsPerRound)} requests a round, ${String(latency.failed)} failed)`,
  };
}

function ms(value: number): string {
  return value.toFixed(value < 10 ? 2 : 1);
}

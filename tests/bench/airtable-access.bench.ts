import type { AddressInfo } from 'node:net';
import { createAirtableAccess } from '@pyairtable/airtable-access';
import {
  buildEmulator,
  DEMO_ACCESS_TOKEN,
  DEMO_SALES_BASE_ID,
  DEMO_DEALS_TABLE_ID,
} from '@pyairtable/airtable-emulator';
import { createMemoryStore } from '@pyairtable/kit';
import { Registry } from 'prom-client';
import type { BenchSection } from './bench-report.ts';
import { medianOf, summarize, timeCalls } from './latency-stats.ts';

const WRITE_ROUNDS = 3;
const RECORDS_PER_ROUND = 300;
const READ_ROUNDS = 5;
const READS_PER_ROUND = 2_000;

async function startEmulator(rateLimits: boolean) {
  const app = await buildEmulator(rateLimits ? {} : { rateLimits: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { app, endpointUrl: `http://127.0.0.1:${port}` };
}

async function counterValue(registry: Registry, name: string): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (metric === undefined) return 0;
  const { values } = await metric.get();
  return values.reduce((sum, sample) => sum + sample.value, 0);
}

/** One round: many callers each create one record in one base, as chat users would. */
async function writeRound(): Promise<{ recordsPerSecond: number; tooManyRequests: number }> {
  const emulator = await startEmulator(true);
  const registry = new Registry();
  const access = createAirtableAccess({
    endpointUrl: emulator.endpointUrl,
    token: DEMO_ACCESS_TOKEN,
    store: createMemoryStore(),
    registry,
  });
  try {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: RECORDS_PER_ROUND }, (_unused, index) =>
        access.createRecords(DEMO_SALES_BASE_ID, DEMO_DEALS_TABLE_ID, [
          { fields: { Name: `Benchmark deal ${index}` } },
        ]),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    return {
      recordsPerSecond: RECORDS_PER_ROUND / seconds,
      tooManyRequests: await counterValue(registry, 'airtable_rate_limited_total'),
    };
  } finally {
    await emulator.app.close();
  }
}

/** One round: the same list query answered from the cache, one caller at a time. */
async function readRound(): Promise<{ p50: number; p99: number }> {
  const emulator = await startEmulator(false);
  const access = createAirtableAccess({
    endpointUrl: emulator.endpointUrl,
    token: DEMO_ACCESS_TOKEN,
    store: createMemoryStore(),
  });
  try {
    const query = { pageSize: 20, filterByFormula: '{Amount} > 10000' };
    await access.listRecords(DEMO_SALES_BASE_ID, DEMO_DEALS_TABLE_ID, query);
    const samples = await timeCalls(
      () => access.listRecords(DEMO_SALES_BASE_ID, DEMO_DEALS_TABLE_ID, query),
      READS_PER_ROUND,
      1,
    );
    const summary = summarize(samples);
    return { p50: summary.p50, p99: summary.p99 };
  } finally {
    await emulator.app.close();
  }
}

/** Airtable access layer against the emulator with Airtable's limits switched on. */
export async function airtableAccessBenchmarks(): Promise<BenchSection> {
  const writes = [];
  for (let round = 0; round < WRITE_ROUNDS; round += 1) writes.push(await writeRound());
  const reads = [];
  for (let round = 0; round < READ_ROUNDS; round += 1) reads.push(await readRound());

  const writeRate = medianOf(writes.map((round) => round.recordsPerSecond));
  const tooMany = writes.reduce((sum, round) => sum + round.tooManyRequests, 0);
  const readP50 = medianOf(reads.map((round) => round.p50));
  const readP99 = medianOf(reads.map((round) => round.p99));
  return {
    title: 'Airtable access layer',
    method:
      `Writes: ${RECORDS_PER_ROUND} concurrent single-record creates into one base of the emulator ` +
      `with Airtable's limits on (5 requests/s per base, so at most 50 records/s), ` +
      `${WRITE_ROUNDS} rounds, median rate; 429s summed over all rounds. ` +
      `Cached reads: the same filtered list query ${READS_PER_ROUND} times after one miss, one caller ` +
      `at a time, ${READ_ROUNDS} rounds, median of each round's p50 and p99.`,
    rows: [
      {
        metric: 'sustained writes to one base',
        value: `${writeRate.toFixed(1)} records/s (${((writeRate / 50) * 100).toFixed(0)}% of the 50 records/s limit)`,
        target: '≥ 45 records/s',
        met: writeRate >= 45,
      },
      {
        metric: '429 answers received while writing',
        value: String(tooMany),
        target: '0',
        met: tooMany === 0,
      },
      { metric: 'cached read p50', value: `${readP50.toFixed(3)} ms` },
      {
        metric: 'cached read p99',
        value: `${readP99.toFixed(3)} ms`,
        target: '< 5 ms',
        met: readP99 < 5,
      },
    ],
  };
}

/**
 * The platform HTTP benchmark's measurements, each repeated in rounds and reduced to the
 * median of the rounds' values, so one noisy round cannot make or break a result.
 */
import { medianOf, summarize } from './latency-stats.ts';
import type { LoadProcess } from './platform-http-load-process.ts';
import type { LoadJob, LoadResult } from './platform-http-load.ts';

/** Median over rounds of each round's p50 and p99, ms. */
export interface RoundLatency {
  readonly rounds: number;
  readonly requestsPerRound: number;
  readonly p50: number;
  readonly p99: number;
  readonly failed: number;
}

/** Direct and via-gateway closed-loop latency, measured in alternating rounds. */
export interface PairedLatency {
  readonly direct: RoundLatency;
  readonly gateway: RoundLatency;
  /** Median over rounds of (gateway p50 − direct p50), ms. */
  readonly addedP50: number;
}

/** Median requests/s of each round, direct and via the gateway. */
export interface PairedThroughput {
  readonly direct: number;
  readonly gateway: number;
  readonly failed: number;
}

/** Open loop at a fixed arrival rate. */
export interface OpenLoopLatency extends RoundLatency {
  /** Median over rounds of answers per second. */
  readonly achievedPerSecond: number;
  readonly lateSends: number;
}

function latencyOf(results: readonly LoadResult[]): RoundLatency {
  const summaries = results.map((result) => summarize(result.samples));
  return {
    rounds: results.length,
    requestsPerRound: medianOf(results.map((result) => result.completed)),
    p50: medianOf(summaries.map((summary) => summary.p50)),
    p99: medianOf(summaries.map((summary) => summary.p99)),
    failed: results.reduce((sum, result) => sum + result.failed, 0),
  };
}

/** Runs `job` `rounds` times. */
export async function latencyRounds(
  load: LoadProcess,
  job: LoadJob,
  rounds: number,
): Promise<RoundLatency> {
  const results: LoadResult[] = [];
  for (let round = 0; round < rounds; round += 1) results.push(await load.run(job));
  return latencyOf(results);
}

/** Alternates `direct` and `gateway` so drift in the machine's load hits both alike. */
export async function pairedLatency(
  load: LoadProcess,
  direct: LoadJob,
  gateway: LoadJob,
  rounds: number,
): Promise<PairedLatency> {
  const directResults: LoadResult[] = [];
  const gatewayResults: LoadResult[] = [];
  const added: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const viaDirect = await load.run(direct);
    const viaGateway = await load.run(gateway);
    directResults.push(viaDirect);
    gatewayResults.push(viaGateway);
    added.push(summarize(viaGateway.samples).p50 - summarize(viaDirect.samples).p50);
  }
  return {
    direct: latencyOf(directResults),
    gateway: latencyOf(gatewayResults),
    addedP50: medianOf(added),
  };
}

/** Alternating rounds of closed-loop load; the rate is answers per second. */
export async function pairedThroughput(
  load: LoadProcess,
  direct: LoadJob,
  gateway: LoadJob,
  rounds: number,
): Promise<PairedThroughput> {
  const directRates: number[] = [];
  const gatewayRates: number[] = [];
  let failed = 0;
  for (let round = 0; round < rounds; round += 1) {
    const viaDirect = await load.run(direct);
    const viaGateway = await load.run(gateway);
    directRates.push(viaDirect.completed / viaDirect.seconds);
    gatewayRates.push(viaGateway.completed / viaGateway.seconds);
    failed += viaDirect.failed + viaGateway.failed;
  }
  return { direct: medianOf(directRates), gateway: medianOf(gatewayRates), failed };
}

/** Rounds of an open-loop job. */
export async function openLoopRounds(
  load: LoadProcess,
  job: LoadJob,
  rounds: number,
): Promise<OpenLoopLatency> {
  const results: LoadResult[] = [];
  for (let round = 0; round < rounds; round += 1) results.push(await load.run(job));
  return {
    ...latencyOf(results),
    achievedPerSecond: medianOf(results.map((result) => result.completed / result.seconds)),
    lateSends: results.reduce((sum, result) => sum + result.lateSends, 0),
  };
}

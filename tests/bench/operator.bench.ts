import type { BenchRow, BenchSection } from './bench-report.ts';
import { medianOf, summarize } from './latency-stats.ts';
import { openOperatorBench, sum } from './operator-bench-runs.ts';
import type { OperatorSeries, OperatorSettings, RunShape } from './operator-bench-runs.ts';

const TARGET_MS = 60_000;

/** 1,000 tenants, 3 runs a setting; a run that misses by far still ends after 2 minutes. */
export const OPERATOR_RUN_SHAPE: RunShape = {
  tenants: 1_000,
  runs: 3,
  createConcurrency: 20,
  timeoutMs: 120_000,
};

/** The production defaults: 4 workers, 50 reconciles/s after a burst of 100. */
export const DEFAULT_SETTINGS: OperatorSettings = { label: 'defaults', env: {} };

/**
 * Settings for a burst of new tenants, measured when the defaults miss the target: a
 * reconcile spends most of its time waiting on the apiserver, Postgres and Airtable, so more
 * of them at once finish sooner; the rate limit is raised so it does not become the cap.
 */
export const TUNED_SETTINGS: OperatorSettings = {
  label: 'tuned',
  env: {
    OPERATOR_WORKERS: '32',
    OPERATOR_RECONCILES_PER_SECOND: '200',
    OPERATOR_RECONCILE_BURST: '200',
  },
};

/**
 * How long 1,000 new tenants take to become Ready: Secrets and Tenants created at once
 * against a real kube-apiserver, the operator in this process validating every token with
 * the emulator and writing the registry in Postgres; with production defaults, and tuned
 * settings beside them when the defaults miss the target.
 */
export async function operatorBenchmarks(): Promise<BenchSection> {
  const bench = await openOperatorBench(OPERATOR_RUN_SHAPE);
  try {
    const series = [await bench.measure(DEFAULT_SETTINGS)];
    if (!(series[0] !== undefined && targetMet(series[0]))) {
      series.push(await bench.measure(TUNED_SETTINGS));
    }
    return {
      title: 'Operator: tenants becoming Ready',
      method: method(),
      rows: series.flatMap(seriesRows),
    };
  } finally {
    await bench.close();
  }
}

function allReady(series: OperatorSeries): boolean {
  return series.runs.every((run) => run.ready === run.tenants);
}

function targetMet(series: OperatorSeries): boolean {
  return allReady(series) && medianOf(series.runs.map((run) => run.totalMs)) < TARGET_MS;
}

function seriesRows(series: OperatorSeries): BenchRow[] {
  const { runs, label } = series;
  const perRun = (values: readonly number[], digits = 1): string =>
    `median ${medianOf(values).toFixed(digits)} (runs: ${values.map((value) => value.toFixed(digits)).join(' / ')})`;
  const perTenant = runs.map((run) => summarize(run.timeToReadyMs));
  const stopFailures = runs.filter((run) => run.stopError !== undefined);
  const tenants = OPERATOR_RUN_SHAPE.tenants.toLocaleString('en');
  return [
    {
      metric: `${tenants} tenants Ready, ${label} (${series.workers} workers, ${series.perSecond} reconciles/s, burst ${series.burst})`,
      value: allReady(series)
        ? `${perRun(runs.map((run) => run.totalMs / 1000))} s`
        : `not all Ready within ${OPERATOR_RUN_SHAPE.timeoutMs / 1000} s (Ready per run: ${runs.map((run) => run.ready).join(' / ')})`,
      target: `< ${TARGET_MS / 1000} s`,
      met: targetMet(series),
    },
    {
      metric: `tenants Ready per second, ${label}`,
      value: perRun(runs.map((run) => run.ready / (run.totalMs / 1000))),
    },
    {
      metric: `time to Ready per tenant p50 / p99, ${label}`,
      value: `p50 ${perRun(perTenant.map((s) => s.p50 / 1000))} s; p99 ${perRun(perTenant.map((s) => s.p99 / 1000))} s`,
    },
    {
      metric: `creating the ${tenants} Secrets and Tenants, ${label}`,
      value: `${perRun(runs.map((run) => run.createMs / 1000))} s`,
    },
    {
      metric: `tenant reconciles until the last was Ready, and keys still queued then, ${label}`,
      value: runs
        .map(
          (run) =>
            `${sum(run.reconciles)} (${run.reconciles.error ?? 0} failed), ${run.queuedAtEnd} queued`,
        )
        .join(' / '),
    },
    {
      metric: `this process (operator, emulator, client): CPU cores used, event loop busy, ${label}`,
      value: `${perRun(runs.map((run) => run.processCores))} cores; ${perRun(
        runs.map((run) => run.eventLoopUtilization * 100),
        0,
      )} %`,
    },
    {
      metric: `stopping the operator after a run, and tenants still Ready then, ${label}`,
      value:
        `${perRun(runs.map((run) => run.stopMs / 1000))} s; ` +
        (stopFailures.length === 0
          ? 'every stop clean'
          : `${stopFailures.length} of ${runs.length} failed (${stopFailures[0]?.stopError ?? ''})`) +
        `; Ready after the stop: ${runs.map((run) => run.readyAfterStop).join(' / ')}`,
    },
  ];
}

function method(): string {
  const { tenants, runs, createConcurrency, timeoutMs } = OPERATOR_RUN_SHAPE;
  const tuned = Object.entries(TUNED_SETTINGS.env)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  return [
    'A kube-apiserver and etcd of their own (tests/envtest), the CRDs, Postgres with a migrated',
    'registry, and the Airtable emulator with Airtable’s request limits on and one token per',
    'tenant (each token is checked once with whoami, so the 50 requests/s per token limit is not',
    'what is measured). The operator runs in this process with production defaults (leader',
    'election, informers, no Redis so its in-process store) but LOG_LEVEL silent, watching only',
    `the run’s namespace. Each run creates ${tenants} labelled Secrets and ${tenants} Tenants in a`,
    `fresh namespace, a Secret then its Tenant, ${createConcurrency} pairs in flight, and watches`,
    'the Tenants (a watch, not a poll: under this load one list of 1,000 Tenants took 0.6 s at',
    'the median and 3 s at p99) from the first create until every Tenant has Ready=True; a list',
    'afterwards confirms each. Time to Ready per tenant runs from its create returning to the',
    `watch event showing it Ready. ${runs} runs per setting, each with a new operator; medians of`,
    `the runs with every run beside them. A run gives up after ${timeoutMs / 1000} s. After each`,
    'run the operator is stopped as on a rollout (graceful close) and the Tenants still Ready',
    `are counted. Tuned settings (${tuned}) are measured only when the defaults miss the target.`,
    'The apiserver, etcd, Postgres and this process share the machine’s CPUs.',
  ].join(' ');
}

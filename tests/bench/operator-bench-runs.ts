/**
 * Series of operator benchmark runs on one stack: each run a fresh namespace and a fresh
 * operator, with what the operator and this process counted while it ran.
 */
import type { CreateLoggerOptions } from '@pyairtable/kit';
import type { Registry } from 'prom-client';
import { startOperatorBenchStack } from './operator-bench-stack.ts';
import type { BenchOperator, OperatorBenchStack } from './operator-bench-stack.ts';
import { countReadyTenants, createTenantsUntilReady } from './operator-tenant-load.ts';
import type { TenantLoadResult } from './operator-tenant-load.ts';

/** Operator settings one series of runs uses; `env` is empty for production defaults. */
export interface OperatorSettings {
  readonly label: string;
  readonly env: Readonly<Record<string, string>>;
}

/** One run and what was counted while it ran. */
export interface OperatorRun extends TenantLoadResult {
  /** The tenant controller's reconciles by result (success, requeue, error). */
  readonly reconciles: Readonly<Record<string, number>>;
  /** Tenant keys still waiting in the work queue when the last tenant was seen Ready. */
  readonly queuedAtEnd: number;
  /** CPU time of this process (operator, emulator and client) per second of the run. */
  readonly processCores: number;
  /** Share of the run this process's event loop was busy. */
  readonly eventLoopUtilization: number;
  /** How long stopping the operator took, and why it failed if it did. */
  readonly stopMs: number;
  readonly stopError?: string;
  /** Tenants still Ready once the operator had stopped (a clean stop changes none). */
  readonly readyAfterStop: number;
}

/** The runs of one series, with the settings the operator actually ran with. */
export interface OperatorSeries {
  readonly label: string;
  readonly workers: number;
  readonly perSecond: number;
  readonly burst: number;
  readonly runs: readonly OperatorRun[];
}

/** How each run is driven. */
export interface RunShape {
  readonly tenants: number;
  readonly runs: number;
  readonly createConcurrency: number;
  readonly timeoutMs: number;
  /** Where the operator logs (with LOG_LEVEL set in a series' env); nowhere by default. */
  readonly logDestination?: CreateLoggerOptions['destination'];
}

/** The stack, started once, and series measured on it. */
export interface OperatorBench {
  measure(settings: OperatorSettings): Promise<OperatorSeries>;
  close(): Promise<void>;
}

/** Starts the stack for `shape.tenants` tenants; `close` stops everything it started. */
export async function openOperatorBench(shape: RunShape): Promise<OperatorBench> {
  const stack = await startOperatorBenchStack(shape.tenants);
  return {
    async measure(settings) {
      const runs: OperatorRun[] = [];
      let used = { workers: 0, perSecond: 0, burst: 0 };
      for (let run = 0; run < shape.runs; run += 1) {
        const measured = await measureRun(stack, settings, shape);
        used = measured.used;
        runs.push(measured.run);
      }
      return { label: settings.label, ...used, runs };
    },
    close: () => stack.close(),
  };
}

async function measureRun(stack: OperatorBenchStack, settings: OperatorSettings, shape: RunShape) {
  const namespace = await stack.newNamespace();
  const running = await stack.startOperator(namespace, {
    env: settings.env,
    ...(shape.logDestination === undefined ? {} : { logDestination: shape.logDestination }),
  });
  const { config } = running;
  const used = {
    workers: config.OPERATOR_WORKERS,
    perSecond: config.OPERATOR_RECONCILES_PER_SECOND,
    burst: config.OPERATOR_RECONCILE_BURST,
  };
  let measured: Omit<OperatorRun, 'stopMs' | 'stopError' | 'readyAfterStop'>;
  try {
    const wallStart = performance.now();
    const cpuBefore = process.cpuUsage();
    const loopBefore = performance.eventLoopUtilization();
    const load = await createTenantsUntilReady({
      kubeConfig: stack.kubeConfig,
      core: stack.core,
      namespace,
      tokens: stack.tokens,
      concurrency: shape.createConcurrency,
      timeoutMs: shape.timeoutMs,
    });
    const cpu = process.cpuUsage(cpuBefore);
    const loop = performance.eventLoopUtilization(loopBefore);
    const wallMs = performance.now() - wallStart;
    const metrics = running.operator.app.metrics;
    measured = {
      ...load,
      reconciles: await tenantCounts(metrics, 'operator_reconcile_total', 'result'),
      queuedAtEnd: sum(await tenantCounts(metrics, 'operator_workqueue_depth', 'controller')),
      processCores: (cpu.user + cpu.system) / 1000 / wallMs,
      eventLoopUtilization: loop.utilization,
    };
  } catch (error) {
    await stopOperator(running);
    throw error;
  }
  const stopped = await stopOperator(running);
  const readyAfterStop = await countReadyTenants(stack.kubeConfig, namespace);
  const run: OperatorRun = { ...measured, ...stopped, readyAfterStop };
  return { used, run };
}

/**
 * Stops the operator; when its graceful stop fails (fastify bounds closing at 10 s), waits for
 * the manager to finish anyway, so the next run does not share the CPUs with this one.
 */
async function stopOperator(
  running: BenchOperator,
): Promise<{ readonly stopMs: number; readonly stopError?: string }> {
  const started = performance.now();
  try {
    await running.stop();
    return { stopMs: performance.now() - started };
  } catch (error) {
    await running.operator.manager.stop();
    return {
      stopMs: performance.now() - started,
      stopError: describeStopFailure(error),
    };
  }
}

function describeStopFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { readonly code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}

/** The tenant controller's samples of a metric, summed by `label`. */
async function tenantCounts(
  registry: Registry,
  name: string,
  label: string,
): Promise<Record<string, number>> {
  const metric = registry.getSingleMetric(name);
  const counts: Record<string, number> = {};
  if (metric === undefined) return counts;
  for (const sample of (await metric.get()).values) {
    if (sample.labels.controller !== 'tenant') continue;
    const key = String(sample.labels[label] ?? '');
    counts[key] = (counts[key] ?? 0) + sample.value;
  }
  return counts;
}

/** The sum of a set of counts. */
export function sum(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((total, value) => total + value, 0);
}

/**
 * Builds an entry script's k6 `options` from its workloads: one k6 scenario per workload,
 * shaped by the run's profile, and the SLO thresholds of every workload it runs.
 */
import type { Options } from 'k6/options';
import { profileScenario } from './load-profiles.ts';
import type { Workload } from './load-profiles.ts';
import type { RunConfig } from './run-config.ts';
import { TREND_STATS } from './run-summary.ts';
import { sloThresholds } from './slo-thresholds.ts';
import type { ScenarioSlo } from './slo-thresholds.ts';

/** A workload with the objectives it is held to and what its setup needs. */
export interface WorkloadDefinition extends Workload, ScenarioSlo {
  /** Whether it reads or writes Airtable data (setup then finds a base to aim at). */
  readonly needsAirtable: boolean;
}

/** The same workload with another number of users at the plateau (mixed runs share the machine). */
export function withVus(workload: WorkloadDefinition, vus: number): WorkloadDefinition {
  return { ...workload, vus };
}

/** The options of a script running `workloads` under the configured profile. */
export function scriptOptions(
  config: RunConfig,
  workloads: readonly WorkloadDefinition[],
): Options {
  return {
    scenarios: Object.fromEntries(
      workloads.map((workload) => [workload.scenario, profileScenario(config, workload)]),
    ),
    thresholds: sloThresholds(config.profile, workloads),
    summaryTrendStats: TREND_STATS,
    setupTimeout: '60s',
  };
}

/** Whether any of `workloads` needs the Airtable target found in setup. */
export function needsAirtable(workloads: readonly WorkloadDefinition[]): boolean {
  return workloads.some((workload) => workload.needsAirtable);
}

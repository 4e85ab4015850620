/**
 * The service-level objectives a run is judged by, as k6 thresholds: latency percentiles per
 * endpoint (the `endpoint` tag every request carries), the error rate, the share of passing
 * checks, and at least one iteration per scenario. A failed threshold makes k6 exit with 99.
 *
 * Average and soak hold the SLO itself. Smoke is a functional gate: one user per workload
 * gives a handful of samples, whose p95 is their slowest, so its latency bounds are three
 * times wider (gross regressions only) while errors and checks stay strict. Stress and spike
 * measure how far the system bends under more than it is sized for, so they get the wider
 * bounds and a 5% error budget: failing those means it broke, not merely that it slowed.
 */
import type { Threshold } from 'k6/options';
import type { ProfileName } from './load-profiles.ts';

/** Latency objective in milliseconds. */
export interface LatencySlo {
  readonly p95: number;
  readonly p99: number;
}

interface Tolerance {
  /** Multiplies every latency bound. */
  readonly latency: number;
  /** Most failed requests allowed (http_req_failed). */
  readonly errorRate: number;
  /** Fewest passing checks allowed. */
  readonly checks: number;
}

const AT_SLO: Tolerance = { latency: 1, errorRate: 0.01, checks: 0.99 };
const FUNCTIONAL: Tolerance = { latency: 3, errorRate: 0.01, checks: 0.99 };
const OVERLOAD: Tolerance = { latency: 3, errorRate: 0.05, checks: 0.95 };

/** How strictly each profile is judged. */
export const TOLERANCES: Readonly<Record<ProfileName, Tolerance>> = {
  smoke: FUNCTIONAL,
  average: AT_SLO,
  soak: AT_SLO,
  stress: OVERLOAD,
  spike: OVERLOAD,
};

/** What one scenario is held to. */
export interface ScenarioSlo {
  /** The scenario's name in k6 (its `scenario` tag). */
  readonly scenario: string;
  /** Latency of `http_req_duration` per `endpoint` tag the scenario sends. */
  readonly endpoints: Readonly<Record<string, LatencySlo>>;
  /** Latency of the scenario's own time Trends (custom metrics), by metric name. */
  readonly trends?: Readonly<Record<string, LatencySlo>>;
  /** Other thresholds as k6 writes them (e.g. a floor on tokens per second). */
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

function latency(slo: LatencySlo, tolerance: Tolerance): string[] {
  const bound = (ms: number): string => String(Math.round(ms * tolerance.latency));
  return [`p(95)<${bound(slo.p95)}`, `p(99)<${bound(slo.p99)}`];
}

/** Every threshold of a run made of `scenarios` under `profile`. */
export function sloThresholds(
  profile: ProfileName,
  scenarios: readonly ScenarioSlo[],
): Record<string, Threshold[]> {
  const tolerance = TOLERANCES[profile];
  const thresholds: Record<string, Threshold[]> = {
    http_req_failed: [`rate<${String(tolerance.errorRate)}`],
    checks: [`rate>${String(tolerance.checks)}`],
  };
  for (const slo of scenarios) {
    // Also puts each scenario's iteration count and check rate into the JSON summary.
    thresholds[`iterations{scenario:${slo.scenario}}`] = ['count>0'];
    thresholds[`checks{scenario:${slo.scenario}}`] = [`rate>${String(tolerance.checks)}`];
    for (const [endpoint, objective] of Object.entries(slo.endpoints)) {
      thresholds[`http_req_duration{endpoint:${endpoint}}`] = latency(objective, tolerance);
    }
    for (const [metric, objective] of Object.entries(slo.trends ?? {})) {
      thresholds[metric] = latency(objective, tolerance);
    }
    for (const [metric, rules] of Object.entries(slo.extra ?? {})) {
      thresholds[metric] = [...rules];
    }
  }
  return thresholds;
}

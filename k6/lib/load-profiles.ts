/**
 * The load profiles every script runs under, as k6 scenario builders. A workload states how
 * many virtual users it has at the average profile's plateau; each profile shapes that number
 * over time. Every profile is bounded: its stages add up to a fixed length (soak's plateau is
 * SOAK_DURATION), and VUs still busy when a stage ends get `GRACEFUL_STOP` to finish.
 */
import type { Scenario, Stage } from 'k6/options';

export const PROFILES = ['smoke', 'average', 'stress', 'spike', 'soak'] as const;
export type ProfileName = (typeof PROFILES)[number];

/** What a profile needs besides the workload: its variable lengths and the scale factor. */
export interface ProfileSettings {
  readonly profile: ProfileName;
  readonly scale: number;
  readonly smokeDuration: string;
  readonly soakDuration: string;
}

/** One workload of a script: the exported function it runs and its users at the plateau. */
export interface Workload {
  /** The name of the function the entry script exports (k6's `exec`). */
  readonly exec: string;
  /** Virtual users at the average profile's plateau (before SCALE). */
  readonly vus: number;
}

/** Long enough for a chat turn under load to end on its own rather than be cut. */
export const GRACEFUL_STOP = '30s';

/** Stages as multiples of the plateau. */
interface RelativeStage {
  readonly duration: string;
  readonly factor: number;
}

/**
 * - average: the expected busy hour — ramp up, hold, ramp down (2m45s).
 * - stress: twice then four times the average, to see where latency and errors give (3m30s).
 * - spike: a sudden jump to five times the average and back (2m10s).
 * - soak: the average held for SOAK_DURATION (default 5m), for leaks and drift.
 * Smoke is one VU per workload for SMOKE_DURATION (default 20s): does everything work at all.
 */
function relativeStages(profile: Exclude<ProfileName, 'smoke'>, soak: string): RelativeStage[] {
  switch (profile) {
    case 'average':
      return [
        { duration: '30s', factor: 1 },
        { duration: '2m', factor: 1 },
        { duration: '15s', factor: 0 },
      ];
    case 'stress':
      return [
        { duration: '30s', factor: 2 },
        { duration: '1m', factor: 2 },
        { duration: '30s', factor: 4 },
        { duration: '1m', factor: 4 },
        { duration: '30s', factor: 0 },
      ];
    case 'spike':
      return [
        { duration: '10s', factor: 1 },
        { duration: '30s', factor: 1 },
        { duration: '10s', factor: 5 },
        { duration: '30s', factor: 5 },
        { duration: '10s', factor: 1 },
        { duration: '30s', factor: 1 },
        { duration: '10s', factor: 0 },
      ];
    case 'soak':
      return [
        { duration: '30s', factor: 1 },
        { duration: soak, factor: 1 },
        { duration: '30s', factor: 0 },
      ];
  }
}

function users(vus: number, factor: number, scale: number): number {
  if (factor === 0) return 0;
  return Math.max(1, Math.round(vus * factor * scale));
}

/** The k6 scenario that runs `workload` under the chosen profile. */
export function profileScenario(settings: ProfileSettings, workload: Workload): Scenario {
  if (settings.profile === 'smoke') {
    return {
      executor: 'constant-vus',
      exec: workload.exec,
      vus: 1,
      duration: settings.smokeDuration,
      gracefulStop: GRACEFUL_STOP,
    };
  }
  const stages: Stage[] = relativeStages(settings.profile, settings.soakDuration).map((stage) => ({
    duration: stage.duration,
    target: users(workload.vus, stage.factor, settings.scale),
  }));
  return {
    executor: 'ramping-vus',
    exec: workload.exec,
    startVUs: 0,
    stages,
    gracefulRampDown: GRACEFUL_STOP,
    gracefulStop: GRACEFUL_STOP,
  };
}

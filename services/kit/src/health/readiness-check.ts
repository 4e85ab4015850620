/**
 * A dependency that must answer before a service is ready for traffic (Postgres, Redis, an
 * upstream service). `/readyz` runs every registered check; a check fails by throwing, and
 * must give up when `signal` aborts so one hung dependency cannot hang the probe.
 */
export interface ReadinessCheck {
  readonly name: string;
  check(signal: AbortSignal): Promise<void>;
}

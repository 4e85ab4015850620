/**
 * What a run is aimed at and as whom, read once from k6's `__ENV` (the environment, or
 * `k6 run -e NAME=value`). `npm run load` fills these from the stack it starts; against
 * `npm start` or a cluster, pass them yourself (README.md).
 */
import { PROFILES } from './load-profiles.ts';
import type { ProfileName } from './load-profiles.ts';

/** The settings every script shares. */
export interface RunConfig {
  /** The gateway, e.g. http://127.0.0.1:8000 (no trailing slash). */
  readonly baseUrl: string;
  readonly profile: ProfileName;
  /** Multiplies every scenario's VUs (a cluster takes more than a laptop). */
  readonly scale: number;
  /** How long the soak profile holds its plateau. */
  readonly soakDuration: string;
  /** How long the smoke profile runs each scenario. */
  readonly smokeDuration: string;
  /** Where handleSummary writes the JSON summary; `.data/k6/summary-<script>-<profile>.json` when unset. */
  readonly summaryPath: string | undefined;
}

function text(name: string): string | undefined {
  const value = __ENV[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function profileFrom(value: string | undefined): ProfileName {
  const profile = value ?? 'smoke';
  if (!(PROFILES as readonly string[]).includes(profile)) {
    throw new Error(`PROFILE must be one of ${PROFILES.join(', ')}; got "${profile}"`);
  }
  return profile as ProfileName;
}

function durationFrom(name: string, fallback: string): string {
  const value = text(name) ?? fallback;
  if (!/^(\d+h)?(\d+m)?(\d+s)?$/.test(value) || value === '') {
    throw new Error(`${name} must be a k6 duration such as 90s, 5m or 1h30m; got "${value}"`);
  }
  return value;
}

function scaleFrom(value: string | undefined): number {
  const scale = Number(value ?? '1');
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new Error(`SCALE must be a positive number; got "${value ?? ''}"`);
  }
  return scale;
}

/** Reads the run's settings; a bad value stops the script at init with a message naming it. */
export function readRunConfig(): RunConfig {
  const profile = profileFrom(text('PROFILE'));
  return {
    baseUrl: (text('BASE_URL') ?? 'http://127.0.0.1:8000').replace(/\/+$/, ''),
    profile,
    scale: scaleFrom(text('SCALE')),
    soakDuration: durationFrom('SOAK_DURATION', '5m'),
    smokeDuration: durationFrom('SMOKE_DURATION', '20s'),
    summaryPath: text('SUMMARY_PATH'),
  };
}

/** The demo credentials a run signs in with (`.data/stack.json` → `demo`). */
export interface Credentials {
  /** The user's email or username (`demo.user.email`). */
  readonly login: string;
  readonly password: string;
  /** An editor API key of the workspace (`demo.apiKey`), for /mcp and /api/airtable. */
  readonly apiKey: string | undefined;
  /** The workspace chat sessions open in (`demo.workspaceId`); looked up when unset. */
  readonly workspaceId: string | undefined;
}

const WHERE = 'npm run load sets it from the stack it starts; for npm start see .data/stack.json';

function required(name: string, what: string): string {
  const value = text(name);
  if (value === undefined) throw new Error(`${name} is not set: ${what}. ${WHERE}.`);
  return value;
}

/** The credentials from `PYAIRTABLE_*`; a missing password is named with where to find it. */
export function readCredentials(): Credentials {
  return {
    login: text('PYAIRTABLE_LOGIN') ?? 'demo@pyairtable.local',
    password: required('PYAIRTABLE_PASSWORD', "the user's password (demo.user.password)"),
    apiKey: text('PYAIRTABLE_API_KEY'),
    workspaceId: text('PYAIRTABLE_WORKSPACE_ID'),
  };
}

/** The API key, which the MCP and Airtable workloads cannot do without. */
export function requireApiKey(credentials: Credentials): string {
  if (credentials.apiKey !== undefined) return credentials.apiKey;
  throw new Error(
    `PYAIRTABLE_API_KEY is not set: an API key of the workspace (demo.apiKey). ${WHERE}.`,
  );
}

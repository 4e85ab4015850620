import { Type } from 'typebox';
import type { Static } from 'typebox';
import { parseArgs } from 'node:util';

/** The entry scripts under k6/scenarios/. */
export const LOAD_SCENARIOS = ['mixed', 'auth', 'chat-sse', 'chat-ws', 'mcp', 'airtable'] as const;
export type LoadScenario = (typeof LOAD_SCENARIOS)[number];

/** The profiles of k6/lib/load-profiles.ts. */
export const LOAD_PROFILES = ['smoke', 'average', 'stress', 'spike', 'soak'] as const;
export type LoadProfile = (typeof LOAD_PROFILES)[number];

/**
 * What `npm run load` reads from the environment besides its arguments. k6's own settings
 * (SOAK_DURATION, SMOKE_DURATION, SCALE) pass through to k6 as they are.
 */
export const loadSettingsSchema = Type.Object({
  /** The load stack's own data directory, emptied at every start: never the one of npm start. */
  LOAD_DATA_DIR: Type.String({ default: '.data/load', minLength: 1 }),
  /** The generated base the Airtable workloads use (AIRTABLE_EMULATOR_LARGE_BASE's format). */
  LOAD_LARGE_BASE: Type.String({
    default: 'tables=8,fields=16,records=1500,seed=1',
    pattern: '^[a-z]+=\\d+(,[a-z]+=\\d+)*$',
  }),
  /** The offline planner's pause before each model step, like a hosted model's latency. */
  LOAD_OFFLINE_LATENCY_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 300 }),
  /** Characters per streamed piece (pieces come 20 ms apart: 12 is about 150 tokens/s). */
  LOAD_OFFLINE_STREAM_CHUNK_CHARS: Type.Integer({ minimum: 1, maximum: 10_000, default: 12 }),
  /** How long the stack may take to start (embedded Postgres, four services, demo set-up). */
  LOAD_STACK_TIMEOUT_MS: Type.Integer({ minimum: 10_000, default: 180_000 }),
  /** Where k6 writes the JSON summary; `.data/k6/summary-<scenario>-<profile>.json` when unset. */
  SUMMARY_PATH: Type.Optional(Type.String({ minLength: 1 })),
  /** A Postgres server: the run gets a database of its own on it, dropped afterwards. */
  DATABASE_URL: Type.Optional(Type.String({ minLength: 1 })),
  /** A Redis server: the run gets a key prefix of its own on it. */
  REDIS_URL: Type.Optional(Type.String({ minLength: 1 })),
});
export type LoadSettings = Static<typeof loadSettingsSchema>;

/** What to run. */
export interface LoadArguments {
  readonly profile: LoadProfile;
  readonly scenario: LoadScenario;
}

function oneOf<T extends string>(allowed: readonly T[], value: string, what: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`--${what} must be one of ${allowed.join(', ')}; got "${value}"`);
  }
  return value as T;
}

/** `--profile smoke|average|stress|spike|soak --scenario mixed|auth|…`, smoke and mixed by default. */
export function parseLoadArguments(args: readonly string[]): LoadArguments {
  const { values } = parseArgs({
    args: [...args],
    options: {
      profile: { type: 'string', default: 'smoke' },
      scenario: { type: 'string', default: 'mixed' },
    },
    strict: true,
    allowPositionals: false,
  });
  return {
    profile: oneOf(LOAD_PROFILES, values.profile, 'profile'),
    scenario: oneOf(LOAD_SCENARIOS, values.scenario, 'scenario'),
  };
}

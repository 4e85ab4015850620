/**
 * Builds a ready emulator app from plain options: the entry point and tests (and other
 * services' tests) share it. State comes from the data file when one exists, else from the
 * seed bases.
 */
import { createLogger, createServiceApp } from '@pyairtable/kit';
import type { ServiceApp, ServiceAppOptions } from '@pyairtable/kit';
import { emulatorApp } from './app.ts';
import { createTokenRegistry, demoAccessToken } from './auth/access-tokens.ts';
import type { AccessToken } from './auth/access-tokens.ts';
import { AIRTABLE_RATE_LIMITS } from './auth/rate-limiter.ts';
import type { RateLimitSettings } from './auth/rate-limiter.ts';
import { systemClock } from './clock.ts';
import type { Clock } from './clock.ts';
import { createEmulatorState } from './model/emulator-state.ts';
import { loadSeedBases } from './model/load-seed.ts';
import { loadDataFile } from './persistence/data-file.ts';
import { demoBases } from './seed/demo/demo-bases.ts';
import type { SeedBase } from './seed/seed-format.ts';

/** Options of {@link buildEmulator}; every one has a default fit for local runs. */
export interface EmulatorOptions {
  /** Where logs go; silent unless given. */
  readonly logger?: ServiceAppOptions['logger'];
  /** The clock for timestamps, limits and cursor expiry; the wall clock unless given. */
  readonly clock?: Clock;
  /** The bases to serve; the demo bases unless given. */
  readonly bases?: readonly SeedBase[];
  /** The tokens accepted; only the demo token unless given. */
  readonly tokens?: readonly AccessToken[];
  /** Request limits, or false for none; Airtable's (5/s per base, 50/s per token, 30 s). */
  readonly rateLimits?: RateLimitSettings | false;
  /** Load state from this file when it exists (instead of `bases`) and save changes to it. */
  readonly dataFile?: string;
  /** How long after a change the data file is written (500 ms unless given). */
  readonly saveDelayMs?: number;
}

/** An emulator app with its state loaded, ready for `inject` or `listen`. */
export async function buildEmulator(options: EmulatorOptions = {}): Promise<ServiceApp> {
  const logger = options.logger ?? createLogger({ service: 'airtable-emulator', level: 'silent' });
  const state = createEmulatorState(options.clock ?? systemClock);
  const restored = options.dataFile !== undefined && (await loadDataFile(state, options.dataFile));
  if (!restored) loadSeedBases(state, options.bases ?? demoBases());
  const app = createServiceApp({ logger });
  await app.register(emulatorApp, {
    state,
    tokens: createTokenRegistry(options.tokens ?? [demoAccessToken()]),
    rateLimits:
      options.rateLimits === false ? undefined : (options.rateLimits ?? AIRTABLE_RATE_LIMITS),
    dataFile: options.dataFile,
    saveDelayMs: options.saveDelayMs,
  });
  await app.ready();
  return app;
}

/**
 * Turns the emulator's configuration into build options: reads the tokens file, generates the
 * large base the variable describes, and maps the limit variables. Every failure names the
 * variable or file to fix.
 */
import { readTokensFile } from './auth/access-tokens.ts';
import type { EmulatorOptions } from './build-emulator.ts';
import type { EmulatorConfig } from './config.ts';
import { demoBases } from './seed/demo/demo-bases.ts';
import { generateLargeBase } from './seed/large/large-base.ts';
import type { LargeBaseOptions } from './seed/large/large-base.ts';
import type { SeedBase } from './seed/seed-format.ts';

const LARGE_BASE_KEYS = ['tables', 'fields', 'records', 'seed'] as const;

/**
 * The generator options `AIRTABLE_EMULATOR_LARGE_BASE` describes: `tables`, `fields` (per
 * table), `records` (per table) and `seed`, e.g. `tables=30,fields=20,records=4000,seed=1`.
 */
export function parseLargeBaseSpec(spec: string): LargeBaseOptions {
  const values = new Map<string, number>();
  for (const part of spec.split(',')) {
    const [key = '', value = ''] = part.split('=');
    if (!(LARGE_BASE_KEYS as readonly string[]).includes(key)) {
      throw new Error(
        `AIRTABLE_EMULATOR_LARGE_BASE: unknown key "${key}" (expected ${LARGE_BASE_KEYS.join(', ')})`,
      );
    }
    values.set(key, Number(value));
  }
  const get = (key: string, fallback: number) => values.get(key) ?? fallback;
  return {
    tables: get('tables', 30),
    fieldsPerTable: get('fields', 20),
    recordsPerTable: get('records', 4000),
    seed: get('seed', 1),
  };
}

/** Build options for the configured emulator. */
export async function emulatorOptionsFrom(config: EmulatorConfig): Promise<EmulatorOptions> {
  const bases: SeedBase[] = config.AIRTABLE_EMULATOR_DEMO_BASES === 'on' ? demoBases() : [];
  if (config.AIRTABLE_EMULATOR_LARGE_BASE !== undefined) {
    bases.push(generateLargeBase(parseLargeBaseSpec(config.AIRTABLE_EMULATOR_LARGE_BASE)));
  }
  const tokensFile = config.AIRTABLE_EMULATOR_TOKENS_FILE;
  return {
    bases,
    ...(tokensFile === undefined ? {} : { tokens: await readTokensFile(tokensFile) }),
    rateLimits:
      config.AIRTABLE_EMULATOR_RATE_LIMITS === 'off'
        ? false
        : {
            perBasePerSecond: config.AIRTABLE_EMULATOR_BASE_RATE_LIMIT,
            perTokenPerSecond: config.AIRTABLE_EMULATOR_TOKEN_RATE_LIMIT,
            penaltyMs: config.AIRTABLE_EMULATOR_PENALTY_SECONDS * 1000,
          },
    ...(config.AIRTABLE_EMULATOR_DATA_FILE === undefined
      ? {}
      : { dataFile: config.AIRTABLE_EMULATOR_DATA_FILE }),
  };
}

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '@pyairtable/kit';
import { describe, expect, it } from 'vitest';
import { emulatorConfigSchema, emulatorOptionsFrom, parseLargeBaseSpec } from '../src/index.ts';

describe('configuration', () => {
  it('defaults to port 8090, demo bases and Airtable limits', async () => {
    const config = loadConfig(emulatorConfigSchema, {});
    expect(config.PORT).toBe(8090);
    const options = await emulatorOptionsFrom(config);
    expect(options.bases?.map((base) => base.name)).toEqual(['Sales CRM', 'Project tracker']);
    expect(options.rateLimits).toEqual({
      perBasePerSecond: 5,
      perTokenPerSecond: 50,
      penaltyMs: 30_000,
    });
    expect(options.tokens).toBeUndefined();
  });

  it('turns limits off and adds a generated base', async () => {
    const config = loadConfig(emulatorConfigSchema, {
      AIRTABLE_EMULATOR_RATE_LIMITS: 'off',
      AIRTABLE_EMULATOR_DEMO_BASES: 'off',
      AIRTABLE_EMULATOR_LARGE_BASE: 'tables=2,fields=5,records=10,seed=7',
    });
    const options = await emulatorOptionsFrom(config);
    expect(options.rateLimits).toBe(false);
    expect(options.bases?.[0]?.tables.map((table) => table.records.length)).toEqual([10, 10]);
  });

  it('reads the large-base spec and refuses unknown keys', () => {
    expect(parseLargeBaseSpec('tables=3,records=100')).toEqual({
      tables: 3,
      fieldsPerTable: 20,
      recordsPerTable: 100,
      seed: 1,
    });
    expect(() => parseLargeBaseSpec('rows=3')).toThrow(/AIRTABLE_EMULATOR_LARGE_BASE/);
  });

  it('reads a tokens file and names the file when it is wrong', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'emulator-tokens-'));
    try {
      const good = path.join(directory, 'tokens.json');
      await writeFile(
        good,
        JSON.stringify({
          tokens: [
            {
              token: 'patSomeoneToken01.secret',
              user: { id: 'usrSomeone0000001', email: 'someone@example.com', name: 'Someone' },
              scopes: ['data.records:read'],
              bases: '*',
            },
          ],
        }),
      );
      const bad = path.join(directory, 'bad.json');
      await writeFile(bad, JSON.stringify({ tokens: [{ token: 'x' }] }));
      const options = await emulatorOptionsFrom(
        loadConfig(emulatorConfigSchema, { AIRTABLE_EMULATOR_TOKENS_FILE: good }),
      );
      expect(options.tokens?.map((token) => token.user.email)).toEqual(['someone@example.com']);
      await expect(
        emulatorOptionsFrom(
          loadConfig(emulatorConfigSchema, { AIRTABLE_EMULATOR_TOKENS_FILE: bad }),
        ),
      ).rejects.toThrow(bad);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

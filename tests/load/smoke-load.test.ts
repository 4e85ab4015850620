import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnvironment } from '@pyairtable/kit';
import { ensureGoTool } from '../envtest/go-tools.ts';

const root = path.resolve(import.meta.dirname, '../..');
const SCENARIOS = ['auth', 'chat_sse', 'chat_ws', 'mcp', 'airtable'];

/** The parts of k6's JSON summary this test reads. */
interface Summary {
  readonly run: { readonly script: string; readonly profile: string };
  readonly metrics: Readonly<
    Record<
      string,
      {
        readonly values: Readonly<Record<string, number>>;
        readonly thresholds?: Readonly<Record<string, { readonly ok: boolean }>>;
      }
    >
  >;
}

/**
 * `npm run load` as CI runs it: the launcher starts its own stack (Postgres and Redis from
 * DATABASE_URL / REDIS_URL when set, in a database and key prefix of its own), runs the mixed
 * scenario's smoke profile with k6 and stops the stack. A threshold that fails fails here.
 */
describe('npm run load -- --profile smoke --scenario mixed', () => {
  let work: string;

  beforeAll(async () => {
    // The first run on a machine builds k6 from its Go module (minutes); later ones reuse it.
    await ensureGoTool('k6');
    work = mkdtempSync(path.join(tmpdir(), 'pyairtable-load-'));
    // The embedded Postgres runs as its own OS user when we are root: it must reach the folder.
    chmodSync(work, 0o755);
  }, 60 * 60_000);

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it(
    'passes every SLO threshold with iterations of every workload',
    { timeout: 150_000 },
    async () => {
      const summaryPath = path.join(work, 'summary.json');
      const launcher = spawn(
        process.execPath,
        ['tests/load/run-load.ts', '--profile', 'smoke', '--scenario', 'mixed'],
        {
          cwd: root,
          env: childEnvironment({
            LOAD_DATA_DIR: path.join(work, 'data'),
            SUMMARY_PATH: summaryPath,
            SMOKE_DURATION: undefined,
            SCALE: undefined,
          }),
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      launcher.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      launcher.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exitCode = await new Promise<number | null>((resolve) => {
        launcher.once('exit', resolve);
      });

      expect(exitCode, output).toBe(0);
      const summary = JSON.parse(readFileSync(summaryPath, 'utf8')) as Summary;
      expect(summary.run).toMatchObject({ script: 'mixed', profile: 'smoke' });
      for (const scenario of SCENARIOS) {
        const iterations = summary.metrics[`iterations{scenario:${scenario}}`]?.values['count'];
        expect(iterations, `iterations of ${scenario}`).toBeGreaterThan(0);
      }
      const failed = Object.entries(summary.metrics).flatMap(([metric, { thresholds = {} }]) =>
        Object.entries(thresholds)
          .filter(([, result]) => !result.ok)
          .map(([expression]) => `${metric} ${expression}`),
      );
      expect(failed).toEqual([]);
      // Streaming was timed: the WebSocket workload saw tokens arrive.
      expect(summary.metrics['chat_ws_time_to_first_token']?.values['count']).toBeGreaterThan(0);
      expect(summary.metrics['chat_ws_tokens_per_second']?.values['med']).toBeGreaterThan(0);
      expect(output).toContain('THRESHOLDS: all passed');
    },
  );
});

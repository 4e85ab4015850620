/**
 * The PrometheusRule's rules, as rendered, pass `promtool check rules` (Prometheus v3's own
 * parser and linter) and the promtool unit tests in alert-tests/: the burn-rate alerts fire on
 * a fast and on a slow burn and not on probe errors or other namespaces, the latency SLO leaves
 * streams out, and the operator alerts fire, name the failing controller and resolve.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { dumpYaml } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureGoTool } from '../envtest/index.ts';
import { named, renderObjects, RENDERINGS } from './support/helm-chart.ts';

const run = promisify(execFile);
const ALERT_TESTS = fileURLToPath(new URL('alert-tests/', import.meta.url));

let scratch = '';
let promtool = '';

async function runPromtool(args: readonly string[]): Promise<{ exitCode: number; output: string }> {
  try {
    const { stdout, stderr } = await run(promtool, [...args], { cwd: scratch, timeout: 120_000 });
    return { exitCode: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    return {
      exitCode: typeof failed.code === 'number' ? failed.code : 1,
      output: (failed.stdout ?? '') + (failed.stderr ?? String(error)),
    };
  }
}

beforeAll(async () => {
  [promtool] = await Promise.all([ensureGoTool('promtool'), ensureGoTool('helm')]);
  scratch = await mkdtemp(path.join(tmpdir(), 'chart-rules-'));
  const production = RENDERINGS.find((rendering) => rendering.name === 'production');
  if (production === undefined) throw new Error('no production rendering');
  const rule = named(await renderObjects(production), 'PrometheusRule', 'pyairtable');
  // A Prometheus rules file is the PrometheusRule's spec.
  await writeFile(
    path.join(scratch, 'rules.yaml'),
    dumpYaml({ groups: rule.spec.groups }, { lineWidth: -1 }),
  );
  for (const file of await readdir(ALERT_TESTS))
    await copyFile(path.join(ALERT_TESTS, file), path.join(scratch, file));
}, 30 * 60_000);

afterAll(async () => {
  if (scratch !== '') await rm(scratch, { recursive: true, force: true });
});

describe('promtool', () => {
  it('checks the rendered rules (syntax, types, lint)', async () => {
    const result = await runPromtool([
      'check',
      'rules',
      '--lint=all',
      '--lint-fatal',
      'rules.yaml',
    ]);
    expect(result.exitCode, result.output).toBe(0);
    expect(result.output).toMatch(/SUCCESS: \d+ rules found/);
  });

  it.each(['error-budget.promtool.yaml', 'operator.promtool.yaml'])('passes %s', async (file) => {
    const result = await runPromtool(['test', 'rules', file]);
    expect(result.exitCode, result.output).toBe(0);
    expect(result.output).toContain('SUCCESS');
  });
});

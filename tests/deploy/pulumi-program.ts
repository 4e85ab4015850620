/**
 * Runs the Pulumi program in infra/ for a stack under Pulumi's mocks (infra/scripts/run-with-mocks.ts,
 * its own process: mocks must be set before the program is imported, once per stack) with the
 * configuration of infra/Pulumi.<stack>.yaml as the Pulumi CLI would pass it, and returns every
 * resource it registered with the inputs it passed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadYaml } from '@kubernetes/client-node';
import { REPOSITORY_ROOT } from './dockerfile-model.ts';
import { at } from './value-path.ts';

const run = promisify(execFile);

export interface MockResource {
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly inputs: Record<string, unknown>;
}

export interface ProgramRun {
  readonly resources: readonly MockResource[];
  readonly outputs: Record<string, unknown>;
}

export type Stack = 'kind' | 'production';

/** A stack file's `config:`, every value a string as the CLI hands it over (objects as JSON). */
export async function stackConfig(stack: Stack): Promise<Record<string, string>> {
  const file = path.join(REPOSITORY_ROOT, 'infra', `Pulumi.${stack}.yaml`);
  const parsed = loadYaml<{ config?: Record<string, unknown> }>(await readFile(file, 'utf8'));
  return Object.fromEntries(
    Object.entries(parsed.config ?? {}).map(([key, value]) => [
      key,
      typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  );
}

/** Runs the program with the stack's configuration, `overrides` on top (undefined removes). */
export async function runProgram(
  stack: Stack,
  overrides: Readonly<Record<string, string | undefined>> = {},
): Promise<ProgramRun> {
  const config: Record<string, string> = { ...(await stackConfig(stack)) };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) Reflect.deleteProperty(config, key);
    else config[key] = value;
  }
  const scratch = await mkdtemp(path.join(tmpdir(), 'pulumi-mocks-'));
  try {
    const configFile = path.join(scratch, 'config.json');
    const outFile = path.join(scratch, 'out.json');
    await writeFile(configFile, JSON.stringify(config));
    await run(
      process.execPath,
      [path.join(REPOSITORY_ROOT, 'infra/scripts/run-with-mocks.ts'), stack, configFile, outFile],
      { cwd: path.join(REPOSITORY_ROOT, 'infra'), timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
    );
    return JSON.parse(await readFile(outFile, 'utf8')) as ProgramRun;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The error a program run fails with (its stderr), or undefined when it succeeds. */
export async function programFailure(
  stack: Stack,
  overrides: Readonly<Record<string, string | undefined>>,
): Promise<string | undefined> {
  try {
    await runProgram(stack, overrides);
    return undefined;
  } catch (error) {
    return (error as { stderr?: string }).stderr ?? String(error);
  }
}

/** The one resource of `type` named `name`. */
export function resource(programRun: ProgramRun, type: string, name: string): MockResource {
  const found = programRun.resources.filter((item) => item.type === type && item.name === name);
  if (found.length !== 1)
    throw new Error(`expected one ${type} "${name}", found ${String(found.length)}`);
  return found[0] as MockResource;
}

export const RELEASE = 'kubernetes:helm.sh/v3:Release';

/** A Helm release's values (plain). */
export function releaseValues(programRun: ProgramRun, name: string): unknown {
  return at(resource(programRun, RELEASE, name).inputs, 'values');
}

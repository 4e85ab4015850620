import { spawn } from 'node:child_process';
import { childEnvironment } from '../../src/config/environment.ts';

/** What a finished command printed and how it exited. */
export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a TypeScript entry point with this Node, as a person at a terminal would, with
 * `environment` overriding (or, with `undefined`, removing) variables of this process. */
export async function runNodeScript(
  script: string,
  args: readonly string[],
  environment: Readonly<Record<string, string | undefined>> = {},
): Promise<CommandResult> {
  const child = spawn(process.execPath, [script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childEnvironment(environment),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  return { code, stdout, stderr };
}

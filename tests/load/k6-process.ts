/**
 * Running k6 on an entry script of k6/scenarios/: how long the run can last (from k6's own
 * `inspect --execution-requirements`, so the bound is the profile's, not a guess), and the
 * run itself with its output on this process's terminal.
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { childEnvironment } from '@pyairtable/kit';

const run = promisify(execFile);

/** Seconds in a k6 duration such as `3m15s` or `1h0m30s`. */
export function durationSeconds(duration: string): number {
  let seconds = 0;
  for (const [, amount = '0', unit] of duration.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)) {
    const factor = { h: 3600, m: 60, s: 1, ms: 0.001 }[unit as 'h' | 'm' | 's' | 'ms'];
    seconds += Number(amount) * factor;
  }
  return seconds;
}

/** The longest the script can run under the given environment (graceful stops included). */
export async function maxRunSeconds(
  k6: string,
  script: string,
  environment: Readonly<Record<string, string | undefined>>,
  cwd: string,
): Promise<number> {
  const { stdout } = await run(
    k6,
    ['inspect', '--include-system-env-vars', '--execution-requirements', script],
    {
      cwd,
      env: childEnvironment(environment),
    },
  );
  const { totalDuration } = JSON.parse(stdout) as { totalDuration: string };
  return durationSeconds(totalDuration);
}

/** Options of {@link runK6}. */
export interface RunK6Options {
  readonly k6: string;
  readonly script: string;
  readonly cwd: string;
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** Past this, k6 is interrupted (it still writes its summary) and the run fails. */
  readonly timeoutMs: number;
  /** Interrupts k6 the same way (SIGINT: it stops its VUs and writes its summary). */
  readonly signal: AbortSignal;
}

/** Runs k6 with inherited stdio; resolves with its exit code (99: thresholds failed). */
export async function runK6(options: RunK6Options): Promise<number> {
  // Progress bars help a person at a terminal; in a log they are a line per second per scenario.
  const quiet = process.stdout.isTTY ? [] : ['--quiet'];
  const child = spawn(options.k6, ['run', '--no-usage-report', ...quiet, options.script], {
    cwd: options.cwd,
    env: childEnvironment(options.environment),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const interrupt = (): void => {
    child.kill('SIGINT');
  };
  const timer = setTimeout(() => {
    console.error(`npm run load: k6 ran past ${String(options.timeoutMs)} ms; interrupting it`);
    interrupt();
  }, options.timeoutMs);
  options.signal.addEventListener('abort', interrupt, { once: true });
  if (options.signal.aborted) interrupt();
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => {
        resolve(code ?? 1);
      });
    });
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', interrupt);
  }
}

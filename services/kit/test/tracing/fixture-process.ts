import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** One JSON line a fixture printed on stdout. */
export type FixtureLine = Record<string, unknown>;

/** A fixture running in its own Node process, so its instrumentation starts before imports. */
export interface FixtureProcess {
  /** Every JSON line printed so far. */
  readonly lines: readonly FixtureLine[];
  /** Resolves with the first line (already printed or yet to come) matching `predicate`. */
  waitFor(predicate: (line: FixtureLine) => boolean, timeoutMs?: number): Promise<FixtureLine>;
  /** Sends SIGTERM and resolves with the exit code once the process has exited. */
  stop(): Promise<number | null>;
}

/**
 * Runs `node <nodeArgs>` with a clean environment (only `env`), collecting its stdout lines.
 * The clean environment keeps OTEL_* variables of the developer's shell out of the test.
 */
export function startFixture(
  nodeArgs: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): FixtureProcess {
  const child = spawn(process.execPath, nodeArgs, {
    cwd: options.cwd,
    env: options.env ?? {},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: FixtureLine[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  createInterface({ input: child.stdout }).on('line', (text) => {
    if (!text.startsWith('{')) return;
    lines.push(JSON.parse(text) as FixtureLine);
    for (const wake of waiters) wake();
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);

  return {
    lines,
    waitFor(predicate, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const found = lines.find(predicate);
          if (found === undefined) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`fixture printed no matching line; stderr:\n${stderr}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

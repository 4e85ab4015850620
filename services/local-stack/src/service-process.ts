import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { childEnvironment } from '@pyairtable/kit';
import type { ServiceEntry } from './service-catalog.ts';

/** One service running as a child process of `npm start`. */
export interface ServiceProcess {
  readonly entry: ServiceEntry;
  readonly pid: number;
  readonly url: string;
  readonly logFile: string;
  /** Resolves with the exit code (or signal) when the process ends, for whatever reason. */
  readonly exited: Promise<string>;
  /** Sends SIGTERM, waits up to `timeoutMs` for the drain, then SIGKILL. */
  stop(timeoutMs: number): Promise<void>;
}

/** Options of {@link startServiceProcess}. */
export interface StartServiceOptions {
  readonly root: string;
  readonly host: string;
  readonly logFile: string;
  readonly environment: Readonly<Record<string, string | undefined>>;
}

/**
 * Starts a service on Node with tracing preloaded, its JSON logs appended to its own file,
 * in the launcher's process group so a terminal's Ctrl-C reaches it directly too.
 */
export function startServiceProcess(
  entry: ServiceEntry,
  options: StartServiceOptions,
): ServiceProcess {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', '@pyairtable/kit/tracing/register', entry.entry],
    {
      cwd: options.root,
      env: childEnvironment({
        ...options.environment,
        ...entry.environment,
        HOST: options.host,
        PORT: String(entry.port),
        OTEL_SERVICE_NAME: entry.name,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not start ${entry.name} (${entry.entry}).`);

  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      log.end();
      resolve(signal ?? `exit code ${String(code)}`);
    });
  });

  return {
    entry,
    pid,
    url: `http://${options.host}:${entry.port}`,
    logFile: options.logFile,
    exited,
    async stop(timeoutMs) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(killer);
    },
  };
}

/**
 * Polls `/readyz` until the service answers 200. Fails early when the process exits, with the
 * end of its log, so a crash at boot reads as the crash and not as a timeout.
 */
export async function waitUntilReady(service: ServiceProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitedWith: string | undefined;
  void service.exited.then((reason) => (exitedWith = reason));
  while (Date.now() < deadline) {
    if (exitedWith !== undefined) {
      throw new Error(
        `${service.entry.name} stopped during start-up (${exitedWith}). Last log lines:\n${tail(service.logFile)}`,
      );
    }
    try {
      const response = await fetch(`${service.url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `${service.entry.name} was not ready within ${timeoutMs} ms. Last log lines:\n${tail(service.logFile)}`,
  );
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

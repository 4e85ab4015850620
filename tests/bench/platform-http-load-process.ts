/** The forked process that runs the platform HTTP benchmark's load clients. */
import { fork } from 'node:child_process';
import path from 'node:path';
import type { LoadJob, LoadResult } from './platform-http-load.ts';

/** Runs one job at a time in the child. */
export interface LoadProcess {
  run(job: LoadJob): Promise<LoadResult>;
  close(): Promise<void>;
}

type Reply =
  | { readonly ok: true; readonly result: LoadResult }
  | { readonly ok: false; readonly error: string };

/** Forks platform-http-load.ts. */
export function startLoadProcess(): LoadProcess {
  const child = fork(path.join(import.meta.dirname, 'platform-http-load.ts'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: childExecArgv(process.execArgv),
  });
  let failure: Error | undefined;
  child.on('error', (error) => {
    failure = error;
  });
  return {
    run(job) {
      return new Promise((resolve, reject) => {
        if (failure !== undefined) {
          reject(failure);
          return;
        }
        const onExit = (code: number | null): void => {
          reject(new Error(`the load process exited (${String(code)}) during a ${job.type} job`));
        };
        child.once('exit', onExit);
        child.once('message', (message) => {
          child.off('exit', onExit);
          const reply = message as Reply;
          if (reply.ok) resolve(reply.result);
          else reject(new Error(`load process: ${reply.error}`));
        });
        child.send(job, (error) => {
          if (error === null) return;
          child.off('exit', onExit);
          reject(error);
        });
      });
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) =>
        child.once('exit', () => {
          resolve();
        }),
      );
      child.disconnect();
      const timer = setTimeout(() => child.kill(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The parent's Node flags without `-e`/`-p` and their code (a parent started with `-e` would
 * otherwise have the child run that code again, benchmark and all) or `--input-type` (which
 * stops the child loading its file).
 */
function childExecArgv(flags: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < flags.length; index += 1) {
    const flag = flags[index] ?? '';
    if (['-e', '--eval', '-p', '--print'].includes(flag)) index += 1;
    else if (!/^(--eval|--print|--input-type)=/.test(flag) && !flag.startsWith('--input-type'))
      kept.push(flag);
  }
  return kept;
}

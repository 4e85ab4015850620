/**
 * `npm start`: the whole platform on one machine. Embedded Postgres unless DATABASE_URL is
 * set, in-process caches unless REDIS_URL is set, every service that exists in this checkout
 * as a child process, `.data/stack.json` describing it all, and a clean stop on Ctrl-C.
 */
import path from 'node:path';
import { ConfigError, loadConfig } from '@pyairtable/kit';
import { stackConfigSchema } from './stack-config.ts';
import { StackAlreadyRunningError } from './stack-lock.ts';
import { StackStartError, startStack } from './start-stack.ts';

const root = path.resolve(import.meta.dirname, '../../..');

function fail(message: string): never {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

function knownFailure(error: unknown): string | undefined {
  const known =
    error instanceof ConfigError ||
    error instanceof StackAlreadyRunningError ||
    error instanceof StackStartError;
  return known ? error.message : undefined;
}

try {
  const config = loadConfig(stackConfigSchema);
  const stack = await startStack({
    root,
    config,
    print: (line) => {
      console.log(line);
    },
  });
  let stopping = false;
  const stop = (reason: string, exitCode: number): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\nStopping PyAirtable (${reason})…`);
    stack.stop().then(
      () => {
        console.log('Stopped.');
        process.exit(exitCode);
      },
      (error: unknown) => {
        console.error('npm start: stop failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => {
    stop('SIGINT', 0);
  });
  process.on('SIGTERM', () => {
    stop('SIGTERM', 0);
  });
  void stack.failed.then((reason) => {
    console.error(`npm start: ${reason}`);
    stop('a service stopped unexpectedly', 1);
  });
} catch (error) {
  fail(
    knownFailure(error) ??
      (error instanceof Error ? (error.stack ?? error.message) : String(error)),
  );
}

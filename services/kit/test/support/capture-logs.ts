import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging/create-logger.ts';
import type { Logger } from 'pino';

/** A logger whose JSON lines are kept in memory for assertions. */
export interface CapturedLogger {
  readonly logger: Logger;
  /** Every line written so far, parsed. */
  lines(): Record<string, unknown>[];
  /** Everything written so far, raw. */
  text(): string;
}

/** Builds a real kit logger that writes into memory instead of stdout. */
export function captureLogs(level = 'info'): CapturedLogger {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = createLogger({ service: 'test', level, destination });
  const text = (): string => chunks.join('');
  return {
    logger,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

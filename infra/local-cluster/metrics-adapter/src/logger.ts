/**
 * JSON lines: one per request on stdout, errors on stderr. Entries carry only what the code
 * puts in them (never headers), so a bearer token cannot end up in the logs.
 */
import type { Writable } from 'node:stream';

/** One served request. */
export interface RequestLogEntry {
  readonly method: string;
  /** The path only: the query may be long and adds nothing to a request log. */
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
}

/** Where the adapter writes what happened. */
export interface Logger {
  request(entry: RequestLogEntry): void;
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, error?: unknown): void;
}

/** A logger writing JSON lines to the given streams (stdout and stderr in main.ts). */
export function createJsonLogger(out: Writable, err: Writable): Logger {
  const write = (stream: Writable, entry: Record<string, unknown>): void => {
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
  };
  return {
    request: (entry) => {
      write(out, { level: 'info', msg: 'request', ...entry });
    },
    info: (message, fields) => {
      write(out, { level: 'info', msg: message, ...fields });
    },
    error: (message, error) => {
      write(err, {
        level: 'error',
        msg: message,
        ...(error === undefined ? {} : errorFields(error)),
      });
    },
  };
}

function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  const cause: unknown = error.cause;
  return {
    error: error.message,
    ...(cause instanceof Error ? { cause: cause.message } : {}),
  };
}

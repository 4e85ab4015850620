/**
 * Test helpers: an emulator built in-process (rate limits off unless a test turns them on)
 * and a small request helper that speaks JSON with the demo token.
 */
import type { ServiceApp } from '@pyairtable/kit';
import { buildEmulator, DEMO_ACCESS_TOKEN } from '../../src/index.ts';
import type { EmulatorOptions } from '../../src/index.ts';

/** An answer: status and parsed JSON body. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, unknown>>;
}

/** How to send one request. */
export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly body?: unknown;
  /** The bearer token; the demo token unless given, no header when null. */
  readonly token?: string | null;
}

/** An emulator under test. */
export interface TestEmulator {
  readonly app: ServiceApp;
  request(url: string, options?: RequestOptions): Promise<Answer>;
  close(): Promise<void>;
}

/** Builds an emulator (without rate limits unless `options` says otherwise). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const app = await buildEmulator({ rateLimits: false, ...options });
  return {
    app,
    async request(url, requestOptions = {}) {
      const token = requestOptions.token === undefined ? DEMO_ACCESS_TOKEN : requestOptions.token;
      const response = await app.inject({
        method: requestOptions.method ?? 'GET',
        url,
        headers: token === null ? {} : { authorization: `Bearer ${token}` },
        ...(requestOptions.body === undefined ? {} : { payload: requestOptions.body as object }),
      });
      return {
        status: response.statusCode,
        body: response.body === '' ? undefined : (JSON.parse(response.body) as unknown),
        headers: response.headers,
      };
    },
    close: () => app.close(),
  };
}

/** A JSON object from an answer, for reading its properties in assertions. */
export type Json = Record<string, unknown>;

/** The body of an answer as an object. */
export function json(answer: Answer): Json {
  return answer.body as Json;
}

/** The records of a list or batch answer. */
export function recordsOf(answer: Answer): Json[] {
  return (answer.body as { records: Json[] }).records;
}

/** The fields of a record. */
export function fieldsOf(record: unknown): Json {
  return (record as { fields: Json }).fields;
}

/** The Airtable error `type` of an answer (or the bare string of `{"error": "NOT_FOUND"}`). */
export function errorType(answer: Answer): string | undefined {
  const error = (answer.body as { error?: unknown } | undefined)?.error;
  if (typeof error === 'string') return error;
  return (error as { type?: string } | undefined)?.type;
}

/** The Airtable error message of an answer. */
export function errorMessage(answer: Answer): string | undefined {
  const error = (answer.body as { error?: unknown } | undefined)?.error;
  return typeof error === 'object' && error !== null
    ? (error as { message?: string }).message
    : undefined;
}

/** Follows `offset` to the end of a list; returns the pages' records. */
export async function listAll(emulator: TestEmulator, url: string): Promise<Json[][]> {
  const pages: Json[][] = [];
  let offset: string | undefined;
  do {
    const separator = url.includes('?') ? '&' : '?';
    const answer = await emulator.request(
      offset === undefined ? url : `${url}${separator}offset=${encodeURIComponent(offset)}`,
    );
    if (answer.status !== 200) throw new Error(`list answered ${answer.status}`);
    pages.push(recordsOf(answer));
    offset = json(answer)['offset'] as string | undefined;
  } while (offset !== undefined);
  return pages;
}

import Airtable from 'airtable';
import type { FieldSet, RecordData, Records } from 'airtable';
import type { AirtableRecord, NewRecord, RecordUpdate } from '../airtable-types.ts';
import {
  networkFailure,
  statusFailure,
  timeoutFailure,
  type AirtableCallFailure,
} from '../errors/call-failure.ts';
import { toRecord } from './response-shapes.ts';
import { baseIdSegment, checkedTableName, recordIdSegment } from './api-paths.ts';

/**
 * Record operations through the official airtable.js client, where it does exactly what
 * Airtable's API does: create, update, replace and delete up to 10.
 * Each method sends one attempt; failures come back as AirtableCallFailure.
 *
 * Not through the client: reads (its `select` only takes a numeric `offset`, so a page
 * cannot be fetched from Airtable's string cursor, `eachPage` cannot start mid-table, and its
 * `find` turns a missing record's MODEL_ID_NOT_FOUND into NOT_FOUND),
 * upserts (it returns `records` but drops `createdRecords`/`updatedRecords`), metadata,
 * comments and whoami (it has no API for them). Those go over plain HTTP.
 */
export interface ClientTransport {
  create(
    baseId: string,
    table: string,
    records: readonly NewRecord[],
    typecast: boolean,
  ): Promise<AirtableRecord[]>;
  update(
    baseId: string,
    table: string,
    records: readonly RecordUpdate[],
    options: { readonly typecast: boolean; readonly replace: boolean },
  ): Promise<AirtableRecord[]>;
  destroy(baseId: string, table: string, recordIds: readonly string[]): Promise<string[]>;
}

/**
 * Configures airtable.js with `noRetryIfRateLimited`: by default it retries 429s forever
 * with backoff starting at 5 s, out of sight of our limiter and penalty; here the executor's
 * policy is the only one.
 */
export function createClientTransport(options: {
  readonly endpointUrl: string;
  readonly token: string;
  readonly timeoutMs: number;
}): ClientTransport {
  const airtable = new Airtable({
    apiKey: options.token,
    endpointUrl: options.endpointUrl,
    requestTimeout: options.timeoutMs,
    noRetryIfRateLimited: true,
  });
  const table = (baseId: string, name: string) =>
    airtable.base(baseIdSegment(baseId)).table<FieldSet>(checkedTableName(name));

  async function call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toFailure(error, options.timeoutMs);
    }
  }

  // The client's records keep Airtable's JSON as `_rawJson`.
  const raw = (records: Records<FieldSet>) => records.map((record) => toRecord(record._rawJson));

  return {
    create: (baseId, name, records, typecast) =>
      call(async () => {
        const data = records.map((record) => ({ fields: asFieldSet(record.fields) }));
        return raw(await table(baseId, name).create(data, typecast ? { typecast } : {}));
      }),

    update: (baseId, name, records, { typecast, replace }) =>
      call(async () => {
        const target = table(baseId, name);
        const data: RecordData<Partial<FieldSet>>[] = records.map((record) => ({
          id: recordIdSegment(record.id),
          fields: asFieldSet(record.fields),
        }));
        const options = typecast ? { typecast } : {};
        return raw(await (replace ? target.replace(data, options) : target.update(data, options)));
      }),

    destroy: (baseId, name, recordIds) =>
      call(async () => {
        const ids = recordIds.map(recordIdSegment);
        const deleted = await table(baseId, name).destroy(ids);
        return deleted.map((record) => record.id);
      }),
  };
}

// Field values are JSON; the client's FieldSet type knows fewer shapes than Airtable takes.
const asFieldSet = (fields: AirtableRecord['fields']) => fields as unknown as Partial<FieldSet>;

// Statuses for which airtable.js replaces Airtable's error type and message with its own
// (e.g. every 403 becomes NOT_AUTHORIZED); their canonical Airtable types are restored so
// errors read the same whichever transport carried the call.
const CLIENT_REWRITTEN_STATUSES = new Set([401, 403, 413, 429, 500, 503]);

function toFailure(error: unknown, timeoutMs: number): AirtableCallFailure {
  if (error instanceof Airtable.Error && typeof error.statusCode === 'number') {
    const status = error.statusCode;
    const type = CLIENT_REWRITTEN_STATUSES.has(status) ? undefined : error.error;
    return statusFailure(status, { error: { type, message: error.message } });
  }
  // node-fetch's errors: AbortError when the client's request timeout fired, else FetchError.
  if (error instanceof Error && error.name === 'AbortError') {
    return timeoutFailure(timeoutMs, error);
  }
  if (error instanceof Error && error.name === 'FetchError') return networkFailure(error);
  throw error;
}

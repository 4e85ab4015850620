import type { AirtableRecord, ListRecordsOptions, RecordPage } from '../airtable-types.ts';
import type { ReadCache } from '../cache/read-cache.ts';
import type { RequestExecutor } from '../execution/request-executor.ts';
import {
  baseIdSegment,
  checkedTableName,
  recordIdSegment,
  tableSegment,
} from '../transport/api-paths.ts';
import type { HttpTransport } from '../transport/http-transport.ts';
import { toRecord, toRecordPage } from '../transport/response-shapes.ts';
import { listRequest } from './list-request.ts';

/** Reading records: one page, every page, one record. */
export interface RecordReads {
  /** One page of records (up to `pageSize`, at most 100); pass its `offset` for the next. */
  listRecords(baseId: string, table: string, options?: ListRecordsOptions): Promise<RecordPage>;
  /**
   * Every page of a query, one at a time, fetched as the iteration asks for them: a large
   * table is never held in memory at once. Stops early when the consumer stops.
   */
  listAllRecords(
    baseId: string,
    table: string,
    options?: Omit<ListRecordsOptions, 'offset'>,
  ): AsyncGenerator<RecordPage, void, undefined>;
  getRecord(baseId: string, table: string, recordId: string): Promise<AirtableRecord>;
}

/**
 * Reads are cached per table (see ReadCache), and fetched over plain HTTP: airtable.js cannot
 * resume from Airtable's string cursor, and it replaces Airtable's error types (a missing
 * record's MODEL_ID_NOT_FOUND becomes NOT_FOUND), which callers need to tell cases apart.
 */
export function createRecordReads(deps: {
  readonly executor: RequestExecutor;
  readonly http: HttpTransport;
  readonly cache: ReadCache;
}): RecordReads {
  const { executor, http, cache } = deps;

  async function listRecords(
    baseId: string,
    table: string,
    options: ListRecordsOptions = {},
  ): Promise<RecordPage> {
    // Built first so bad arguments fail before touching the cache or the limiter.
    const request = listRequest(baseId, table, options);
    return cache.tableRead('records', baseId, table, options, () =>
      executor.run({
        operation: 'listRecords',
        baseId,
        idempotent: true,
        send: async () =>
          toRecordPage(
            await http.send(request.method, request.path, {
              query: request.query,
              ...(request.json === undefined ? {} : { json: request.json }),
            }),
          ),
      }),
    );
  }

  return {
    listRecords,

    async *listAllRecords(baseId, table, options = {}) {
      let offset: string | undefined;
      do {
        const page = await listRecords(baseId, table, {
          ...options,
          ...(offset === undefined ? {} : { offset }),
        });
        yield page;
        offset = page.offset;
      } while (offset !== undefined);
    },

    async getRecord(baseId, table, recordId) {
      baseIdSegment(baseId);
      checkedTableName(table);
      recordIdSegment(recordId);
      return await cache.tableRead('record', baseId, table, { recordId }, () =>
        executor.run({
          operation: 'getRecord',
          baseId,
          idempotent: true,
          send: async () =>
            toRecord(
              await http.send(
                'GET',
                `${baseIdSegment(baseId)}/${tableSegment(table)}/${recordIdSegment(recordId)}`,
              ),
            ),
        }),
      );
    },
  };
}

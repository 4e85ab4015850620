import type {
  AirtableRecord,
  DeletedRecord,
  NewRecord,
  RecordUpdate,
  UpdateOptions,
  UpsertOptions,
  UpsertResult,
  WriteOptions,
} from '../airtable-types.ts';
import type { AccessLogger } from '../access-logger.ts';
import { createWriteCoalescer } from '../batching/write-coalescer.ts';
import type { WriteLane } from '../batching/write-coalescer.ts';
import type { ReadCache } from '../cache/read-cache.ts';
import type { Clock } from '../clock.ts';
import { airtableErrorDetails, airtableErrors } from '../errors/airtable-errors.ts';
import type { RequestExecutor } from '../execution/request-executor.ts';
import type { AccessMetrics } from '../metrics/access-metrics.ts';
import {
  baseIdSegment,
  checkedTableName,
  recordIdSegment,
  tableSegment,
} from '../transport/api-paths.ts';
import type { ClientTransport } from '../transport/client-transport.ts';
import type { HttpTransport } from '../transport/http-transport.ts';
import { toIdList, toRecords } from '../transport/response-shapes.ts';

/** Writing records. Any number per call; concurrent calls share Airtable requests of 10. */
export interface RecordWrites {
  createRecords(
    baseId: string,
    table: string,
    records: readonly NewRecord[],
    options?: WriteOptions,
  ): Promise<AirtableRecord[]>;
  /** PATCH (given fields change) or, with `replace`, PUT (unmentioned fields are cleared). */
  updateRecords(
    baseId: string,
    table: string,
    records: readonly RecordUpdate[],
    options?: UpdateOptions,
  ): Promise<AirtableRecord[]>;
  /** Creates or updates by `fieldsToMergeOn` (Airtable's performUpsert). */
  upsertRecords(
    baseId: string,
    table: string,
    records: readonly NewRecord[],
    options: UpsertOptions,
  ): Promise<UpsertResult>;
  deleteRecords(
    baseId: string,
    table: string,
    recordIds: readonly string[],
  ): Promise<DeletedRecord[]>;
}

type UpsertOutput = { readonly record: AirtableRecord; readonly created: boolean };

const statusOf = (error: unknown) => airtableErrorDetails(error)?.status;
// A 422 names one bad value, unknown field or missing record: some callers' records only.
const rejectedContent = (error: unknown) => statusOf(error) === 422;
// Updates and deletes name records by id, and a record another table holds, or one already
// deleted, is answered 403/404 for the whole request: also one caller's doing.
const rejectedRecordIds = (error: unknown) => [403, 404, 422].includes(statusOf(error) ?? 0);

/**
 * Writes go through per-kind coalescers; airtable.js carries creates, updates and deletes,
 * plain HTTP carries upserts (see ClientTransport). A lane is one table with one set of
 * options, so writes with different `typecast` (or replace, or merge fields) never share a
 * request. After each request the table's cached reads are invalidated, and with `typecast`
 * the schema's too (it may have added select options).
 */
export function createRecordWrites(deps: {
  readonly executor: RequestExecutor;
  readonly http: HttpTransport;
  readonly client: ClientTransport;
  readonly cache: ReadCache;
  readonly clock: Clock;
  readonly metrics: AccessMetrics;
  readonly windowMs: number;
  readonly logger: AccessLogger | undefined;
}): RecordWrites {
  const { executor, http, client, cache } = deps;
  const coalescerOptions = {
    executor,
    clock: deps.clock,
    windowMs: deps.windowMs,
    metrics: deps.metrics,
    logger: deps.logger,
  };
  const creates = createWriteCoalescer<NewRecord, AirtableRecord>(coalescerOptions);
  const updates = createWriteCoalescer<RecordUpdate, AirtableRecord>(coalescerOptions);
  const upserts = createWriteCoalescer<NewRecord, UpsertOutput>(coalescerOptions);
  const deletes = createWriteCoalescer<string, string>(coalescerOptions);

  function laneBasics(operation: string, baseId: string, table: string, typecast: boolean) {
    baseIdSegment(baseId);
    checkedTableName(table);
    return {
      operation,
      baseId,
      changed: async () => {
        await cache.tableChanged(baseId, table);
        if (typecast) await cache.schemaChanged(baseId);
      },
    };
  }

  const laneKey = (...parts: unknown[]) => JSON.stringify(parts);

  return {
    async createRecords(baseId, table, records, options = {}) {
      const typecast = options.typecast ?? false;
      const lane: WriteLane<NewRecord, AirtableRecord> = {
        ...laneBasics('createRecords', baseId, table, typecast),
        idempotent: false,
        send: (items) => client.create(baseId, table, items, typecast),
        outputId: (record) => record.id,
        isolatable: rejectedContent,
      };
      return creates.submit(laneKey('create', baseId, table, typecast), lane, records);
    },

    async updateRecords(baseId, table, records, options = {}) {
      const typecast = options.typecast ?? false;
      const replace = options.replace ?? false;
      for (const record of records) recordIdSegment(record.id);
      const lane: WriteLane<RecordUpdate, AirtableRecord> = {
        ...laneBasics(replace ? 'replaceRecords' : 'updateRecords', baseId, table, typecast),
        idempotent: true,
        send: (items) => client.update(baseId, table, items, { typecast, replace }),
        itemKey: (item) => item.id,
        outputId: (record) => record.id,
        isolatable: rejectedRecordIds,
      };
      return updates.submit(laneKey('update', baseId, table, typecast, replace), lane, records);
    },

    async upsertRecords(baseId, table, records, options) {
      const typecast = options.typecast ?? false;
      const replace = options.replace ?? false;
      const mergeOn = [...options.fieldsToMergeOn];
      if (mergeOn.length < 1 || mergeOn.length > 3) {
        throw airtableErrors.AIRTABLE_INVALID_ARGUMENT({
          problem: `fieldsToMergeOn takes 1 to 3 field names, got ${mergeOn.length}`,
        });
      }
      const lane: WriteLane<NewRecord, UpsertOutput> = {
        ...laneBasics('upsertRecords', baseId, table, typecast),
        // Merging on the same fields again finds the record the first attempt created.
        idempotent: true,
        send: async (items) => {
          const body = await http.send(
            replace ? 'PUT' : 'PATCH',
            `${baseIdSegment(baseId)}/${tableSegment(table)}`,
            {
              json: {
                performUpsert: { fieldsToMergeOn: mergeOn },
                records: items.map((item) => ({ fields: item.fields })),
                ...(typecast ? { typecast } : {}),
              },
            },
          );
          const created = new Set(toIdList(body, 'createdRecords'));
          return toRecords(body).map((record) => ({ record, created: created.has(record.id) }));
        },
        outputId: (output) => output.record.id,
        isolatable: rejectedContent,
      };
      const key = laneKey('upsert', baseId, table, typecast, replace, mergeOn);
      const outputs = await upserts.submit(key, lane, records);
      return {
        records: outputs.map((output) => output.record),
        createdRecords: outputs.filter((o) => o.created).map((o) => o.record.id),
        updatedRecords: outputs.filter((o) => !o.created).map((o) => o.record.id),
      };
    },

    async deleteRecords(baseId, table, recordIds) {
      for (const recordId of recordIds) recordIdSegment(recordId);
      const lane: WriteLane<string, string> = {
        ...laneBasics('deleteRecords', baseId, table, false),
        idempotent: true,
        send: (items) => client.destroy(baseId, table, items),
        itemKey: (item) => item,
        outputId: (id) => id,
        isolatable: rejectedRecordIds,
      };
      const deleted = await deletes.submit(laneKey('delete', baseId, table), lane, recordIds);
      return deleted.map((id) => ({ id, deleted: true as const }));
    },
  };
}

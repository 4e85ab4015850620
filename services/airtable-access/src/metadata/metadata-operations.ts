import type {
  BaseList,
  BaseSchema,
  FieldSchema,
  NewField,
  NewTable,
  SchemaChanges,
  TableSchema,
  WhoAmI,
} from '../airtable-types.ts';
import type { ReadCache } from '../cache/read-cache.ts';
import type { RequestExecutor } from '../execution/request-executor.ts';
import { baseIdSegment, fieldIdSegment, tableSegment } from '../transport/api-paths.ts';
import type { HttpTransport } from '../transport/http-transport.ts';
import { toObjectWithId, toObjectWithList } from '../transport/response-shapes.ts';

/** Bases, schemas and the token's identity (Airtable's metadata API). */
export interface MetadataOperations {
  /** One page of the bases the token can see; cached like schemas. */
  listBases(options?: { readonly offset?: string }): Promise<BaseList>;
  /** Tables, fields and views of a base; cached, invalidated by schema changes made here. */
  getBaseSchema(baseId: string): Promise<BaseSchema>;
  createTable(baseId: string, table: NewTable): Promise<TableSchema>;
  updateTable(baseId: string, table: string, changes: SchemaChanges): Promise<TableSchema>;
  createField(baseId: string, table: string, field: NewField): Promise<FieldSchema>;
  updateField(
    baseId: string,
    table: string,
    fieldId: string,
    changes: SchemaChanges,
  ): Promise<FieldSchema>;
  /** Who the token belongs to; never cached, as it is how a credential is validated. */
  whoami(): Promise<WhoAmI>;
}

const metaPath = (baseId: string) => `meta/bases/${baseIdSegment(baseId)}/tables`;

/** Loads a base's schema from Airtable, uncached: what the read cache calls on a miss. */
export function createSchemaFetcher(deps: {
  readonly executor: RequestExecutor;
  readonly http: HttpTransport;
}): (baseId: string) => Promise<BaseSchema> {
  return (baseId) =>
    deps.executor.run({
      operation: 'getBaseSchema',
      baseId,
      idempotent: true,
      send: async () =>
        toObjectWithList(await deps.http.send('GET', metaPath(baseId)), 'tables') as BaseSchema,
    });
}

/**
 * The metadata API over plain HTTP (airtable.js has none). Schema writes are not retried
 * after unclear failures when they create something (a second table would be a duplicate).
 */
export function createMetadataOperations(deps: {
  readonly executor: RequestExecutor;
  readonly http: HttpTransport;
  readonly cache: ReadCache;
}): MetadataOperations {
  const { executor, http, cache } = deps;

  return {
    async listBases(options = {}) {
      const query = new URLSearchParams();
      if (options.offset !== undefined) query.set('offset', options.offset);
      return cache.bases({ offset: options.offset ?? null }, () =>
        executor.run({
          operation: 'listBases',
          baseId: undefined,
          idempotent: true,
          send: async () =>
            toObjectWithList(await http.send('GET', 'meta/bases', { query }), 'bases') as BaseList,
        }),
      );
    },

    async getBaseSchema(baseId) {
      baseIdSegment(baseId);
      return cache.schema(baseId);
    },

    async createTable(baseId, table) {
      const path = metaPath(baseId);
      const created = await executor.run({
        operation: 'createTable',
        baseId,
        idempotent: false,
        send: async () =>
          toObjectWithId(await http.send('POST', path, { json: table }), 'table') as TableSchema,
      });
      await cache.schemaChanged(baseId);
      return created;
    },

    async updateTable(baseId, table, changes) {
      const path = `${metaPath(baseId)}/${tableSegment(table)}`;
      const updated = await executor.run({
        operation: 'updateTable',
        baseId,
        idempotent: true,
        send: async () =>
          toObjectWithId(await http.send('PATCH', path, { json: changes }), 'table') as TableSchema,
      });
      await cache.schemaChanged(baseId, table);
      return updated;
    },

    async createField(baseId, table, field) {
      const path = `${metaPath(baseId)}/${tableSegment(table)}/fields`;
      const created = await executor.run({
        operation: 'createField',
        baseId,
        idempotent: false,
        send: async () =>
          toObjectWithId(await http.send('POST', path, { json: field }), 'field') as FieldSchema,
      });
      await cache.schemaChanged(baseId, table);
      return created;
    },

    async updateField(baseId, table, fieldId, changes) {
      const path = `${metaPath(baseId)}/${tableSegment(table)}/fields/${fieldIdSegment(fieldId)}`;
      const updated = await executor.run({
        operation: 'updateField',
        baseId,
        idempotent: true,
        send: async () =>
          toObjectWithId(await http.send('PATCH', path, { json: changes }), 'field') as FieldSchema,
      });
      // A renamed field changes the keys of the table's records.
      await cache.schemaChanged(baseId, table);
      return updated;
    },

    whoami: () =>
      executor.run({
        operation: 'whoami',
        baseId: undefined,
        idempotent: true,
        send: async () => toObjectWithId(await http.send('GET', 'meta/whoami'), 'whoami') as WhoAmI,
      }),
  };
}

import { Type } from 'typebox';
import type { Static } from 'typebox';

// The schemas several route files share: ids, path parameters and records.

/** A base id; a table name passed by mistake fails with a 400 naming `params.baseId`. */
export const BaseIdSchema = Type.String({
  pattern: '^app[A-Za-z0-9]{14}$',
  description: 'A base id: app followed by 14 letters or digits.',
  examples: ['appmHgZ6xqMi4F07F'],
});

/** A table id or name, as Airtable takes it in a path. */
export const TableSchema = Type.String({
  minLength: 1,
  maxLength: 255,
  description: 'A table id or name (names compare case-insensitively).',
  examples: ['Deals', 'tblfpqbBFrVMp6eRI'],
});

/** A record id. */
export const RecordIdSchema = Type.String({
  pattern: '^rec[A-Za-z0-9]{14}$',
  description: 'A record id: rec followed by 14 letters or digits.',
  examples: ['recIYKS7NheFsJ3g0'],
});

/** `/bases/:baseId/...` */
export const BaseParamsSchema = Type.Object({ baseId: BaseIdSchema });

/** `/bases/:baseId/tables/:table/records` */
export const TableParamsSchema = Type.Object({ baseId: BaseIdSchema, table: TableSchema });

/** `/bases/:baseId/tables/:table/records/:recordId` */
export const RecordParamsSchema = Type.Object({
  baseId: BaseIdSchema,
  table: TableSchema,
  recordId: RecordIdSchema,
});

/** The path parameters of a table route. */
export type TableParams = Static<typeof TableParamsSchema>;

/** Cell values by field name or id, as Airtable takes and returns them. */
export const FieldsSchema = Type.Record(Type.String(), Type.Unknown(), {
  description: 'Cell values by field name, e.g. {"Name": "Acme renewal", "Amount": 12000}.',
});

/** A record as every route returns it; Airtable leaves empty fields out. */
export const RecordSchema = Type.Object({
  id: RecordIdSchema,
  createdTime: Type.String({ format: 'date-time' }),
  fields: FieldsSchema,
});

/** A list of records. */
export const RecordsSchema = Type.Array(RecordSchema);

/** Most records one write request takes; the access layer sends them 10 at a time. */
export const MAX_RECORDS_PER_REQUEST = 1_000;

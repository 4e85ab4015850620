import type { JsonValue } from '@pyairtable/kit';

// Shapes of Airtable's Web API. Declared with `type`, not `interface`, because cached values
// must be JsonValue and only type aliases get the implicit index signature that needs.

/** Cell values by field name (or by field id with `returnFieldsByFieldId`). */
export type RecordFields = { readonly [field: string]: JsonValue };

/** A record as Airtable returns it; empty fields are left out. */
export type AirtableRecord = {
  readonly id: string;
  readonly createdTime: string;
  readonly fields: RecordFields;
  readonly commentCount?: number;
};

/** One page of a list; `offset` is present while more pages exist. */
export type RecordPage = {
  readonly records: readonly AirtableRecord[];
  readonly offset?: string;
};

/** A sort key of a list request. */
export type RecordSort = { readonly field: string; readonly direction?: 'asc' | 'desc' };

/** Parameters of Airtable's list records request. */
export type ListRecordsOptions = {
  readonly view?: string;
  readonly fields?: readonly string[];
  readonly filterByFormula?: string;
  readonly sort?: readonly RecordSort[];
  readonly maxRecords?: number;
  /** 1 to 100 (Airtable's default and maximum). */
  readonly pageSize?: number;
  /** The cursor from the previous page. */
  readonly offset?: string;
  readonly cellFormat?: 'json' | 'string';
  /** Required with `cellFormat: 'string'`. */
  readonly timeZone?: string;
  /** Required with `cellFormat: 'string'`. */
  readonly userLocale?: string;
  readonly returnFieldsByFieldId?: boolean;
  readonly recordMetadata?: readonly 'commentCount'[];
};

/** A record to create. */
export type NewRecord = { readonly fields: RecordFields };

/** Changes to one record. */
export type RecordUpdate = { readonly id: string; readonly fields: RecordFields };

/** Options of writes. */
export type WriteOptions = {
  /** Let Airtable convert values (e.g. create select options); it can change the schema. */
  readonly typecast?: boolean;
};

/** Options of updates. */
export type UpdateOptions = WriteOptions & {
  /** PUT: clear every field not given. Default PATCH: change only the given fields. */
  readonly replace?: boolean;
};

/** Options of upserts. */
export type UpsertOptions = UpdateOptions & {
  /** 1 to 3 fields identifying a record: no match creates, one match updates. */
  readonly fieldsToMergeOn: readonly string[];
};

/** What an upsert did with the caller's records, in the caller's order. */
export type UpsertResult = {
  readonly records: readonly AirtableRecord[];
  readonly createdRecords: readonly string[];
  readonly updatedRecords: readonly string[];
};

/** A deleted record. */
export type DeletedRecord = { readonly id: string; readonly deleted: true };

/** A base the token can see. */
export type BaseSummary = {
  readonly id: string;
  readonly name: string;
  readonly permissionLevel: string;
};

/** One page of the bases list. */
export type BaseList = { readonly bases: readonly BaseSummary[]; readonly offset?: string };

/** A field of a table schema. */
export type FieldSchema = {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly description?: string;
  readonly options?: { readonly [key: string]: JsonValue };
};

/** A view of a table schema. */
export type ViewSchema = { readonly id: string; readonly name: string; readonly type: string };

/** A table schema. */
export type TableSchema = {
  readonly id: string;
  readonly name: string;
  readonly primaryFieldId: string;
  readonly description?: string;
  readonly fields: readonly FieldSchema[];
  readonly views: readonly ViewSchema[];
};

/** The schema of a base. */
export type BaseSchema = { readonly tables: readonly TableSchema[] };

/** A field to create (with a new table, or on its own). */
export type NewField = {
  readonly name: string;
  readonly type: string;
  readonly description?: string;
  readonly options?: { readonly [key: string]: JsonValue };
};

/** A table to create. */
export type NewTable = {
  readonly name: string;
  readonly description?: string;
  readonly fields: readonly NewField[];
};

/** Changes to a table or a field. */
export type SchemaChanges = { readonly name?: string; readonly description?: string };

/** A comment on a record. */
export type RecordComment = {
  readonly id: string;
  readonly text: string;
  readonly createdTime: string;
  readonly lastUpdatedTime?: string | null;
  readonly author: { readonly id: string; readonly email?: string; readonly name?: string };
};

/** One page of a record's comments, newest first. */
export type CommentPage = {
  readonly comments: readonly RecordComment[];
  readonly offset?: string | null;
};

/** Who the token belongs to. `email` needs `user.email:read`; `scopes` come with OAuth only. */
export type WhoAmI = {
  readonly id: string;
  readonly email?: string;
  readonly scopes?: readonly string[];
};

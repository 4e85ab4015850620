/**
 * The format demo bases and generated load-test bases are written in, and the emulator loads
 * at start. It follows the shapes of Airtable's metadata API (tables, fields with `type` and
 * `options`, views) and record API (`{ id, createdTime, fields }` with values keyed by field
 * name), with fixed ids so demos, tests and load scripts can name bases and records.
 */

/** Field types the emulator implements, by their Airtable API names. */
export type SeedFieldType =
  | 'singleLineText'
  | 'multilineText'
  | 'email'
  | 'url'
  | 'phoneNumber'
  | 'number'
  | 'currency'
  | 'percent'
  | 'checkbox'
  | 'singleSelect'
  | 'multipleSelects'
  | 'date'
  | 'dateTime'
  | 'multipleRecordLinks'
  | 'rating'
  | 'createdTime'
  | 'lastModifiedTime'
  | 'autoNumber'
  | 'formula'
  | 'multipleLookupValues'
  | 'rollup'
  | 'count'
  | 'multipleAttachments';

/**
 * One field. `options` are Airtable's for that type, with ids where Airtable uses them:
 * `{ precision }` (number, percent), `{ precision, symbol }` (currency),
 * `{ choices: [{ id?, name, color? }] }` (selects), `{ dateFormat: { name } }` (date),
 * `{ dateFormat, timeFormat, timeZone }` (dateTime), `{ linkedTableId, inverseLinkFieldId? }`
 * (links; the inverse field is created when absent), `{ max }` (rating),
 * `{ formula }` (formula, referencing fields as `{Field Name}`),
 * `{ recordLinkFieldId, fieldIdInLinkedTable }` (lookup),
 * `{ recordLinkFieldId, fieldIdInLinkedTable, formula }` (rollup, e.g. `SUM(values)`),
 * `{ recordLinkFieldId }` (count).
 */
export interface SeedField {
  readonly id: string;
  readonly name: string;
  readonly type: SeedFieldType;
  readonly description?: string;
  readonly options?: Readonly<Record<string, unknown>>;
}

/**
 * A view. Airtable's API lists only id, name and type; the emulator also needs what the view
 * shows, so a seed can give it a filter formula and a sort, applied before the request's own.
 */
export interface SeedView {
  readonly id: string;
  readonly name: string;
  readonly type: 'grid';
  readonly filterByFormula?: string;
  readonly sort?: readonly { readonly field: string; readonly direction: 'asc' | 'desc' }[];
}

/** A record; values of link fields are arrays of record ids of the linked table. */
export interface SeedRecord {
  readonly id: string;
  /** ISO 8601; the load time when absent. */
  readonly createdTime?: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A table; its first field is the primary field. */
export interface SeedTable {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly fields: readonly SeedField[];
  readonly views: readonly SeedView[];
  readonly records: readonly SeedRecord[];
}

/** A base: `app` followed by 14 letters or digits. */
export interface SeedBase {
  readonly id: string;
  readonly name: string;
  readonly tables: readonly SeedTable[];
}

/**
 * The emulator's in-memory model: bases hold tables, tables hold fields, views and records.
 * It is mutable on purpose: 100k-record bases are loaded once and edited in place, and every
 * write goes through the record and schema operations that keep links and computed fields
 * consistent.
 */
import type { FormulaExpression, FormulaValue } from '../formula/index.ts';
import type { SeedFieldType } from '../seed/seed-format.ts';

/** Field types, by their Airtable API names. */
export type FieldType = SeedFieldType;

/** One select option. */
export interface Choice {
  id: string;
  name: string;
  color?: string;
}

/** A field. `options` has Airtable's shape for the type (see seed-format.ts). */
export interface FieldModel {
  readonly id: string;
  name: string;
  readonly type: FieldType;
  description: string | undefined;
  options: Record<string, unknown>;
  /**
   * Parsed formula of a formula or rollup field, with field references by id so renames keep
   * it working; `undefined` while the formula does not parse (the field then holds errors).
   */
  compiled: FormulaExpression | undefined;
}

/** A sort key of a view or a request. */
export interface SortSpec {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

/** A view: Airtable lists only id, name and type; the emulator also knows what it shows. */
export interface ViewModel {
  readonly id: string;
  name: string;
  readonly type: 'grid';
  filterByFormula: string | undefined;
  sort: readonly SortSpec[];
}

/** A record. Cells are keyed by field id and hold API JSON values; empty cells are absent. */
export interface RecordModel {
  readonly id: string;
  readonly createdTime: number;
  lastModifiedTime: number;
  readonly autoNumber: number;
  cells: Map<string, unknown>;
  /**
   * Computed fields' values as formulas see them (a formula over a date rollup needs the date,
   * not its string), by field id.
   */
  computed: Map<string, FormulaValue>;
}

/** A table; its first field is the primary field. */
export interface TableModel {
  readonly id: string;
  readonly baseId: string;
  name: string;
  description: string | undefined;
  fields: FieldModel[];
  views: ViewModel[];
  /** Records in table order (creation order), which is the default list order. */
  records: Map<string, RecordModel>;
  nextAutoNumber: number;
}

/** A base. */
export interface BaseModel {
  readonly id: string;
  name: string;
  tables: TableModel[];
}

/** Field types whose values Airtable computes; writing them is an error. */
export const COMPUTED_FIELD_TYPES: ReadonlySet<FieldType> = new Set<FieldType>([
  'formula',
  'multipleLookupValues',
  'rollup',
  'count',
  'autoNumber',
  'createdTime',
  'lastModifiedTime',
]);

/** Whether a field's values are computed by the emulator. */
export function isComputed(field: FieldModel): boolean {
  return COMPUTED_FIELD_TYPES.has(field.type);
}

/** The primary field of a table (its first field). */
export function primaryField(table: TableModel): FieldModel {
  const field = table.fields[0];
  if (field === undefined) throw new Error(`table ${table.id} has no fields`);
  return field;
}

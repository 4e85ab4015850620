/**
 * Converts between cells (API JSON) and the values formulas compute with: checkboxes are
 * booleans, selects, links and lookups arrays (links as the linked records' primary values,
 * the way Airtable formulas see them), dates FormulaDate, empty cells null; and formula results
 * back into cells.
 */
import { formulaDate } from '../formula/index.ts';
import type { FormulaDate, FormulaError, FormulaValue } from '../formula/index.ts';
import { tableById } from './emulator-state.ts';
import { linkTargetOf } from './field-options.ts';
import type { BaseModel, FieldModel, RecordModel, TableModel } from './model-types.ts';
import { primaryField } from './model-types.ts';

/** `value` when it is a date, else undefined. */
export function asFormulaDate(value: FormulaValue): FormulaDate | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const tagged = value as FormulaDate | FormulaError;
  return tagged.kind === 'date' ? tagged : undefined;
}

/** Epoch milliseconds of a `YYYY-MM-DD` day or ISO timestamp cell; NaN when it is neither. */
export function parseCellDate(value: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? Date.parse(`${value}T00:00:00.000Z`)
    : Date.parse(value);
}

/** The value of `field` in `record` as a formula sees it. */
export function cellFormulaValue(
  base: BaseModel,
  field: FieldModel,
  record: RecordModel,
): FormulaValue {
  switch (field.type) {
    case 'autoNumber':
      return record.autoNumber;
    case 'createdTime':
      return formulaDate(record.createdTime, true);
    case 'lastModifiedTime':
      return formulaDate(record.lastModifiedTime, true);
    case 'formula':
    case 'rollup':
    case 'multipleLookupValues':
    case 'count':
      return record.computed.get(field.id) ?? null;
    case 'multipleRecordLinks':
      return linkedPrimaryValues(base, field, record.cells.get(field.id));
    default:
      return storedFormulaValue(field, record.cells.get(field.id));
  }
}

/** A stored (non-computed) cell as a formula value. */
export function storedFormulaValue(field: FieldModel, cell: unknown): FormulaValue {
  if (cell === undefined || cell === null) return field.type === 'checkbox' ? false : null;
  switch (field.type) {
    case 'checkbox':
      return cell === true;
    case 'date':
    case 'dateTime': {
      const epochMs = typeof cell === 'string' ? parseCellDate(cell) : Number.NaN;
      return Number.isNaN(epochMs) ? null : formulaDate(epochMs, field.type === 'dateTime');
    }
    case 'multipleSelects':
      return Array.isArray(cell) ? cell.filter((item) => typeof item === 'string') : null;
    case 'multipleAttachments':
      return Array.isArray(cell) ? cell.map(attachmentName) : null;
    default:
      return typeof cell === 'number' || typeof cell === 'string' ? cell : null;
  }
}

function attachmentName(attachment: unknown): string {
  if (typeof attachment === 'object' && attachment !== null && 'filename' in attachment) {
    const { filename } = attachment;
    if (typeof filename === 'string') return filename;
  }
  return '';
}

function linkedPrimaryValues(base: BaseModel, field: FieldModel, cell: unknown): FormulaValue {
  if (!Array.isArray(cell) || cell.length === 0) return null;
  const linked = tableById(base, linkTargetOf(field).linkedTableId);
  return cell.map((id) => primaryValueOf(base, linked, id));
}

/** The primary field value of record `id` in `table`, as a formula sees it. */
export function primaryValueOf(base: BaseModel, table: TableModel, id: unknown): FormulaValue {
  const record = typeof id === 'string' ? table.records.get(id) : undefined;
  if (record === undefined) return null;
  const primary = primaryField(table);
  // A primary field is never a link, so this cannot recurse through links.
  return cellFormulaValue(base, primary, record);
}

/** The ISO form Airtable uses for a date: a day, or a timestamp with milliseconds. */
export function isoDate(epochMs: number, hasTime: boolean): string {
  const iso = new Date(epochMs).toISOString();
  return hasTime ? iso : iso.slice(0, 10);
}

/**
 * A formula result as a cell. Airtable formulas have no boolean type: true and false show as
 * 1 and 0. Errors become `{error: "#ERROR!"}` and NaN and infinities `{specialValue: "NaN"}`,
 * the shapes Airtable's API uses for them. Blank results (null, "", []) are empty cells.
 */
export function formulaValueToCell(value: FormulaValue): unknown {
  if (value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const items = (value as readonly FormulaValue[])
      .map((item) => formulaValueToCell(item))
      .filter((item) => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  const tagged = value as Exclude<
    FormulaValue,
    null | number | string | boolean | readonly FormulaValue[]
  >;
  if (tagged.kind === 'date') return isoDate(tagged.epochMs, tagged.hasTime);
  return ['NaN', 'Infinity', '-Infinity'].includes(tagged.code)
    ? { specialValue: tagged.code }
    : { error: tagged.code };
}

/**
 * Sorts records the way Airtable orders a sorted view: numbers, dates and checkboxes by value,
 * text without regard to case, select options in the order the field defines them, and empty
 * cells first when ascending (last when descending). Ties keep table order.
 */
import type { FormulaValue } from '../formula/index.ts';
import { choicesOf } from './field-options.ts';
import { cellFormulaValue } from './formula-values.ts';
import type { BaseModel, FieldModel, RecordModel, SortSpec } from './model-types.ts';

type SortKey = number | string | null;

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function keyOfValue(value: FormulaValue): SortKey {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') return value === '' ? null : value;
  if (Array.isArray(value)) {
    const parts = (value as readonly FormulaValue[]).map(keyOfValue).filter((key) => key !== null);
    if (parts.length === 0) return null;
    return parts.length === 1 ? (parts[0] ?? null) : parts.join(', ');
  }
  const tagged = value as { kind: string; epochMs?: number; code?: string };
  return tagged.kind === 'date' ? (tagged.epochMs ?? null) : null;
}

function choiceIndex(field: FieldModel, name: unknown): number {
  const index = choicesOf(field).findIndex((choice) => choice.name === name);
  return index < 0 ? Number.MAX_SAFE_INTEGER : index;
}

function keyOf(base: BaseModel, field: FieldModel, record: RecordModel): SortKey {
  if (field.type === 'singleSelect') {
    const cell = record.cells.get(field.id);
    return cell === undefined ? null : choiceIndex(field, cell);
  }
  if (field.type === 'checkbox') return record.cells.get(field.id) === true ? 1 : null;
  return keyOfValue(cellFormulaValue(base, field, record));
}

function compareKeys(left: SortKey, right: SortKey): number {
  if (left === right) return 0;
  if (left === null) return -1;
  if (right === null) return 1;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'number') return -1;
  if (typeof right === 'number') return 1;
  return collator.compare(left, right);
}

/** A resolved sort key: the field and its direction. */
export interface ResolvedSort {
  readonly field: FieldModel;
  readonly direction: SortSpec['direction'];
}

/** `records` sorted by `sorts` (a new array; ties keep their given order). */
export function sortRecords(
  base: BaseModel,
  records: readonly RecordModel[],
  sorts: readonly ResolvedSort[],
): RecordModel[] {
  if (sorts.length === 0) return [...records];
  const keyed = records.map((record, index) => ({
    record,
    index,
    keys: sorts.map((sort) => keyOf(base, sort.field, record)),
  }));
  keyed.sort((left, right) => {
    for (let position = 0; position < sorts.length; position += 1) {
      const compared = compareKeys(left.keys[position] ?? null, right.keys[position] ?? null);
      if (compared !== 0) return sorts[position]?.direction === 'desc' ? -compared : compared;
    }
    return left.index - right.index;
  });
  return keyed.map((entry) => entry.record);
}

/**
 * Keeps formula, lookup, rollup and count cells up to date. Values are stored, not computed
 * on read: a list over 100k records with a filter on a rollup must not evaluate the rollup of
 * every record on every request. A write recomputes the records it touched and then, through
 * the links that lookups and rollups read, the records that depend on them.
 */
import { formulaError } from '../formula/index.ts';
import type { FormulaValue } from '../formula/index.ts';
import { computePlanOf } from './compute-order.ts';
import { fieldById, tableById } from './emulator-state.ts';
import { linkedSourceOf, linkTargetOf } from './field-options.ts';
import { evaluateOnRecord } from './formula-compiler.ts';
import { cellFormulaValue, formulaValueToCell } from './formula-values.ts';
import type { BaseModel, FieldModel, RecordModel, TableModel } from './model-types.ts';
import { isComputed } from './model-types.ts';

function setComputed(record: RecordModel, field: FieldModel, value: FormulaValue, cell: unknown) {
  record.computed.set(field.id, value);
  if (cell === undefined) record.cells.delete(field.id);
  else record.cells.set(field.id, cell);
}

function flattenInto(target: unknown[], value: unknown): void {
  if (value === undefined || value === null || value === '') return;
  if (Array.isArray(value)) for (const item of value) flattenInto(target, item);
  else target.push(value);
}

function linkedRecords(base: BaseModel, table: TableModel, linkId: string, record: RecordModel) {
  const link = fieldById(table, linkId);
  const linked = tableById(base, linkTargetOf(link).linkedTableId);
  const ids = record.cells.get(link.id);
  const records = Array.isArray(ids)
    ? ids.flatMap((id) => {
        const found = typeof id === 'string' ? linked.records.get(id) : undefined;
        return found === undefined ? [] : [found];
      })
    : [];
  return { linked, records };
}

/**
 * The looked-up values of `field` (a lookup or rollup) in `record`: as formula values, and as
 * the cell Airtable shows for a lookup (the source cells, flattened).
 */
function lookup(base: BaseModel, table: TableModel, field: FieldModel, record: RecordModel) {
  const source = linkedSourceOf(field);
  const { linked, records } = linkedRecords(base, table, source.recordLinkFieldId, record);
  const target = fieldById(linked, source.fieldIdInLinkedTable ?? '');
  const values: FormulaValue[] = [];
  const cells: unknown[] = [];
  for (const other of records) {
    const value = cellFormulaValue(base, target, other);
    flattenInto(values, value);
    // Stored cells are shown as they are (a lookup of a link shows record ids, of a checkbox
    // true); computed ones as their cell form.
    const stored = isComputed(target) ? formulaValueToCell(value) : other.cells.get(target.id);
    flattenInto(cells, stored);
  }
  return { values, cells };
}

/** Computes one computed field of `record`. */
export function computeField(
  base: BaseModel,
  table: TableModel,
  field: FieldModel,
  record: RecordModel,
  now: Date,
  cyclic: ReadonlySet<string>,
): void {
  if (cyclic.has(field.id)) {
    setComputed(record, field, formulaError(), formulaValueToCell(formulaError()));
    return;
  }
  switch (field.type) {
    case 'formula': {
      const value =
        field.compiled === undefined
          ? formulaError()
          : evaluateOnRecord(base, table, record, field.compiled, now);
      setComputed(record, field, value, formulaValueToCell(value));
      return;
    }
    case 'multipleLookupValues': {
      const { values, cells } = lookup(base, table, field, record);
      setComputed(record, field, values, cells.length === 0 ? undefined : cells);
      return;
    }
    case 'rollup': {
      const { values } = lookup(base, table, field, record);
      const value =
        field.compiled === undefined
          ? formulaError()
          : evaluateOnRecord(base, table, record, field.compiled, now, values);
      setComputed(record, field, value, formulaValueToCell(value));
      return;
    }
    case 'count': {
      const { records } = linkedRecords(
        base,
        table,
        linkedSourceOf(field).recordLinkFieldId,
        record,
      );
      setComputed(record, field, records.length, records.length);
      return;
    }
    default:
      return;
  }
}

/** Computes every computed field of `record`. */
export function computeRecord(
  base: BaseModel,
  table: TableModel,
  record: RecordModel,
  now: Date,
): void {
  const plan = computePlanOf(base);
  for (const field of plan.byTable.get(table.id) ?? []) {
    computeField(base, table, field, record, now, plan.cyclic);
  }
}

/** Computes every computed field of every record of `base`, field by field (for loading). */
export function computeAll(base: BaseModel, now: Date): void {
  const plan = computePlanOf(base);
  for (const { table, field } of plan.order) {
    for (const record of table.records.values()) {
      computeField(base, table, field, record, now, plan.cyclic);
    }
  }
}

function computedSignature(record: RecordModel): string {
  return JSON.stringify([...record.computed.entries()]);
}

// A record is recomputed at most this often per write, which ends the (rare) ping-pong of two
// tables whose rollups read each other.
const MAX_VISITS = 4;

/**
 * Recomputes `changed` (records whose stored cells a write changed) and, through the links
 * other tables' lookups, rollups and counts read, every record whose computed values depend
 * on them, until nothing changes any more.
 */
export function refreshRecords(
  base: BaseModel,
  changed: Iterable<{ table: TableModel; record: RecordModel }>,
  now: Date,
): void {
  const plan = computePlanOf(base);
  const queue = [...changed];
  const origins = new Set(queue.map((entry) => entry.record.id));
  const visits = new Map<string, number>();
  for (let index = 0; index < queue.length; index += 1) {
    const entry = queue[index];
    if (entry === undefined) break;
    const { table, record } = entry;
    if (!table.records.has(record.id)) continue;
    const visited = visits.get(record.id) ?? 0;
    if (visited >= MAX_VISITS) continue;
    visits.set(record.id, visited + 1);
    const before = computedSignature(record);
    computeRecord(base, table, record, now);
    const isFirstVisitOfOrigin = visited === 0 && origins.has(record.id);
    if (!isFirstVisitOfOrigin && computedSignature(record) === before) continue;
    for (const dependent of plan.dependents.get(table.id) ?? []) {
      const ids = record.cells.get(dependent.fieldId);
      if (!Array.isArray(ids)) continue;
      for (const id of ids) {
        const other = typeof id === 'string' ? dependent.table.records.get(id) : undefined;
        if (other !== undefined) queue.push({ table: dependent.table, record: other });
      }
    }
  }
}

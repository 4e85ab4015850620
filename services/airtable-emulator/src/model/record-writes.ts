/**
 * Creates, updates and deletes records the way the Airtable API does: every record of a
 * request is validated before anything changes (a request fails or succeeds as a whole), links
 * are kept consistent on both sides, and computed fields are refreshed before the response is
 * rendered. Request-shape checks (at most 10 records, ids well formed) belong to the routes.
 */
import { airtableErrors } from '../airtable-errors.ts';
import { cellFromInput, createWritePlan } from './cell-input.ts';
import type { WritePlan } from './cell-input.ts';
import { refreshRecords } from './computed-fields.ts';
import type { EmulatorState } from './emulator-state.ts';
import { findField, tableById } from './emulator-state.ts';
import { choicesOf } from './field-options.ts';
import { linkIds, setLinks, unlinkRecord } from './link-writes.ts';
import type { TableRecord } from './link-writes.ts';
import type { BaseModel, RecordModel, TableModel } from './model-types.ts';
import { isComputed, primaryField } from './model-types.ts';
import { newId } from './new-ids.ts';

/** Cell values keyed by field name or id, as a request sends them. */
export type FieldsInput = Readonly<Record<string, unknown>>;

/** New cells by field id; `undefined` clears the cell. */
export type PreparedCells = Map<string, unknown>;

/** Validates `fields` against `table`; throws the error Airtable answers with. */
export function prepareCells(
  plan: WritePlan,
  table: TableModel,
  fields: FieldsInput,
  current: ReadonlyMap<string, unknown> = new Map(),
): PreparedCells {
  const cells: PreparedCells = new Map();
  for (const [key, value] of Object.entries(fields)) {
    const field = findField(table, key);
    if (field === undefined) throw airtableErrors.unknownField(key);
    cells.set(field.id, cellFromInput(plan, field, value, current.get(field.id)));
  }
  return cells;
}

function newRecord(table: TableModel, now: number) {
  let id = newId('rec');
  while (table.records.has(id)) id = newId('rec');
  const record: RecordModel = {
    id,
    createdTime: now,
    lastModifiedTime: now,
    autoNumber: table.nextAutoNumber,
    cells: new Map(),
    computed: new Map(),
  };
  table.nextAutoNumber += 1;
  return record;
}

/** A new empty record, appended to `table` (so it comes last in table order). */
export function insertRecord(table: TableModel, now: number): RecordModel {
  const record = newRecord(table, now);
  table.records.set(record.id, record);
  return record;
}

/** Adds the select options and linked records a typecast write decided to create. */
export function applyPlan(plan: WritePlan, now: number): TableRecord[] {
  for (const table of plan.base.tables) {
    for (const field of table.fields) {
      for (const name of plan.newChoices.get(field.id) ?? []) {
        const choices = choicesOf(field);
        if (!choices.some((choice) => choice.name === name)) {
          choices.push({ id: newId('sel'), name });
        }
      }
    }
  }
  const created: TableRecord[] = [];
  for (const [tableId, names] of plan.newLinkedRecords) {
    const table = tableById(plan.base, tableId);
    const primary = primaryField(table);
    for (const [name, id] of names) {
      const record = { ...newRecord(table, now), id };
      if (!isComputed(primary)) record.cells.set(primary.id, name);
      table.records.set(id, record);
      created.push({ table, record });
    }
  }
  return created;
}

/**
 * Writes prepared cells into `record`. `replace` (PUT) clears every writable field the request
 * did not mention. Returns the linked records whose inverse links changed.
 */
export function writeCells(
  base: BaseModel,
  table: TableModel,
  record: RecordModel,
  cells: PreparedCells,
  replace: boolean,
  now: number,
): TableRecord[] {
  const touched: TableRecord[] = [];
  const writes = new Map(cells);
  if (replace) {
    for (const field of table.fields) {
      if (!isComputed(field) && !writes.has(field.id)) writes.set(field.id, undefined);
    }
  }
  let changed = false;
  for (const [fieldId, cell] of writes) {
    const before = record.cells.get(fieldId);
    if (JSON.stringify(before) === JSON.stringify(cell)) continue;
    changed = true;
    const field = table.fields.find((candidate) => candidate.id === fieldId);
    if (field?.type === 'multipleRecordLinks') {
      touched.push(...setLinks(base, table, field, record, linkIds(cell), now));
    } else if (cell === undefined) {
      record.cells.delete(fieldId);
    } else {
      record.cells.set(fieldId, cell);
    }
  }
  if (changed) record.lastModifiedTime = now;
  return touched;
}

/** Options of a write request. */
export interface WriteOptions {
  readonly typecast: boolean;
}

/** Creates records from `inputs`, in order. */
export function createRecords(
  state: EmulatorState,
  base: BaseModel,
  table: TableModel,
  inputs: readonly FieldsInput[],
  options: WriteOptions,
): RecordModel[] {
  const plan = createWritePlan(base, options.typecast);
  const prepared = inputs.map((fields) => prepareCells(plan, table, fields));
  const now = state.clock.now();
  const changed = applyPlan(plan, now);
  const records = prepared.map((cells) => {
    const record = insertRecord(table, now);
    changed.push(...writeCells(base, table, record, cells, false, now));
    changed.push({ table, record });
    return record;
  });
  refreshRecords(base, changed, new Date(now));
  state.changed();
  return records;
}

/** An update of one record. */
export interface UpdateInput {
  readonly id: string;
  readonly fields: FieldsInput;
}

/**
 * Updates records: PATCH semantics, or PUT (`replace`) which clears unmentioned fields. A
 * record id that is not in the table is 422 ROW_DOES_NOT_EXIST.
 */
export function updateRecords(
  state: EmulatorState,
  base: BaseModel,
  table: TableModel,
  inputs: readonly UpdateInput[],
  options: WriteOptions & { readonly replace: boolean },
): RecordModel[] {
  const plan = createWritePlan(base, options.typecast);
  const prepared = inputs.map((input) => {
    const record = table.records.get(input.id);
    if (record === undefined) throw airtableErrors.rowDoesNotExist(input.id);
    return { record, cells: prepareCells(plan, table, input.fields, record.cells) };
  });
  const now = state.clock.now();
  const changed = applyPlan(plan, now);
  for (const { record, cells } of prepared) {
    changed.push(...writeCells(base, table, record, cells, options.replace, now));
    changed.push({ table, record });
  }
  refreshRecords(base, changed, new Date(now));
  state.changed();
  return prepared.map(({ record }) => record);
}

/** Deletes records; an id not in the table is 404 MODEL_ID_NOT_FOUND and deletes nothing. */
export function deleteRecords(
  state: EmulatorState,
  base: BaseModel,
  table: TableModel,
  ids: readonly string[],
): string[] {
  const records = ids.map((id) => {
    const record = table.records.get(id);
    if (record === undefined) throw airtableErrors.recordNotFound();
    return record;
  });
  const now = state.clock.now();
  const changed: TableRecord[] = [];
  for (const record of records) {
    if (!table.records.has(record.id)) continue;
    changed.push(...unlinkRecord(base, table, record, now));
    table.records.delete(record.id);
    state.comments.delete(record.id);
  }
  refreshRecords(base, changed, new Date(now));
  state.changed();
  return records.map((record) => record.id);
}

/**
 * Upserts (PATCH or PUT with `performUpsert`): records without an id are matched to existing
 * ones on the values of `fieldsToMergeOn`; no match creates, one match updates, several fail
 * the request. Records with an id are plain updates. The answer lists the records in request
 * order plus `createdRecords` and `updatedRecords`.
 */
import { airtableErrors } from '../airtable-errors.ts';
import { createWritePlan } from './cell-input.ts';
import { refreshRecords } from './computed-fields.ts';
import type { EmulatorState } from './emulator-state.ts';
import { findField } from './emulator-state.ts';
import type { TableRecord } from './link-writes.ts';
import type { BaseModel, FieldModel, RecordModel, TableModel } from './model-types.ts';
import { isComputed } from './model-types.ts';
import { applyPlan, insertRecord, prepareCells, writeCells } from './record-writes.ts';
import type { FieldsInput, PreparedCells, WriteOptions } from './record-writes.ts';

/** One record of an upsert request. */
export interface UpsertInput {
  readonly id?: string;
  readonly fields: FieldsInput;
}

/** What an upsert answers with. */
export interface UpsertResult {
  readonly records: RecordModel[];
  readonly createdRecords: string[];
  readonly updatedRecords: string[];
}

function mergeFields(table: TableModel, names: readonly string[]): FieldModel[] {
  if (names.length < 1 || names.length > 3) {
    throw airtableErrors.invalidRequest('fieldsToMergeOn must name between 1 and 3 fields');
  }
  return names.map((name) => {
    const field = findField(table, name);
    if (field === undefined) throw airtableErrors.unknownField(name);
    if (isComputed(field) || field.type === 'multipleAttachments') {
      throw airtableErrors.invalidRequest(
        `Field "${field.name}" cannot be used in fieldsToMergeOn`,
      );
    }
    return field;
  });
}

function sameCell(left: unknown, right: unknown): boolean {
  return JSON.stringify(left ?? null) === JSON.stringify(right ?? null);
}

function matchesOf(table: TableModel, keys: FieldModel[], cells: PreparedCells): RecordModel[] {
  const matches: RecordModel[] = [];
  for (const record of table.records.values()) {
    if (keys.every((key) => sameCell(record.cells.get(key.id), cells.get(key.id)))) {
      matches.push(record);
      if (matches.length > 1) break;
    }
  }
  return matches;
}

type Step =
  | { readonly kind: 'update'; readonly record: RecordModel; readonly cells: PreparedCells }
  | { readonly kind: 'create'; readonly cells: PreparedCells };

/** Runs an upsert request against `table`. */
export function upsertRecords(
  state: EmulatorState,
  base: BaseModel,
  table: TableModel,
  inputs: readonly UpsertInput[],
  fieldsToMergeOn: readonly string[],
  options: WriteOptions & { readonly replace: boolean },
): UpsertResult {
  const keys = mergeFields(table, fieldsToMergeOn);
  const plan = createWritePlan(base, options.typecast);
  const steps = inputs.map((input): Step => {
    if (input.id !== undefined) {
      const record = table.records.get(input.id);
      if (record === undefined) throw airtableErrors.rowDoesNotExist(input.id);
      return {
        kind: 'update',
        record,
        cells: prepareCells(plan, table, input.fields, record.cells),
      };
    }
    const cells = prepareCells(plan, table, input.fields);
    const matches = matchesOf(table, keys, cells);
    const [match] = matches;
    if (matches.length > 1) {
      const values = keys.map((key) => `${key.name}=${JSON.stringify(cells.get(key.id) ?? null)}`);
      throw airtableErrors.upsertAmbiguous(`(${values.join(', ')})`);
    }
    return match === undefined
      ? { kind: 'create', cells }
      : {
          kind: 'update',
          record: match,
          cells: prepareCells(plan, table, input.fields, match.cells),
        };
  });

  const now = state.clock.now();
  const changed: TableRecord[] = applyPlan(plan, now);
  const created: string[] = [];
  const updated: string[] = [];
  const records = steps.map((step) => {
    if (step.kind === 'update') {
      changed.push(...writeCells(base, table, step.record, step.cells, options.replace, now));
      changed.push({ table, record: step.record });
      updated.push(step.record.id);
      return step.record;
    }
    const record = insertRecord(table, now);
    changed.push(...writeCells(base, table, record, step.cells, false, now));
    changed.push({ table, record });
    created.push(record.id);
    return record;
  });
  refreshRecords(base, changed, new Date(now));
  state.changed();
  return { records, createdRecords: created, updatedRecords: updated };
}

/**
 * Finds what a `/v0` path names. The access hook has already checked the base is granted and
 * exists; a table that is not there is the same 403 as a base that is not, and a record that
 * is not there 404 MODEL_ID_NOT_FOUND.
 */
import { airtableErrors } from '../airtable-errors.ts';
import type { EmulatorState } from '../model/emulator-state.ts';
import { findTable } from '../model/emulator-state.ts';
import type { ListCursors } from '../model/list-cursors.ts';
import type { BaseModel, RecordModel, TableModel } from '../model/model-types.ts';

/** What every route handler works with. */
export interface RouteContext {
  readonly state: EmulatorState;
  readonly cursors: ListCursors;
}

/** The base named by the path. */
export function baseOf(context: RouteContext, baseId: string): BaseModel {
  const base = context.state.bases.get(baseId);
  if (base === undefined) throw airtableErrors.modelNotFound();
  return base;
}

/** The base and table named by the path. */
export function tableOf(
  context: RouteContext,
  params: { readonly baseId: string; readonly tableIdOrName: string },
): { base: BaseModel; table: TableModel } {
  const base = baseOf(context, params.baseId);
  const table = findTable(base, params.tableIdOrName);
  if (table === undefined) throw airtableErrors.modelNotFound();
  return { base, table };
}

/** The record named by the path. */
export function recordOf(table: TableModel, recordId: string): RecordModel {
  const record = table.records.get(recordId);
  if (record === undefined) throw airtableErrors.recordNotFound();
  return record;
}

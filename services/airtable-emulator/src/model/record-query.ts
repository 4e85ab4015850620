/**
 * Which records a list request returns, in which order: the view's filter and sort first, then
 * the request's `filterByFormula` (inside the view) and `sort` (which replaces the view's
 * order), as Airtable documents. Paging is the cursor's business (list-cursors.ts).
 */
import { isTruthy } from '../formula/index.ts';
import { airtableErrors } from '../airtable-errors.ts';
import { findField } from './emulator-state.ts';
import { evaluateOnRecord, parseFilterFormula } from './formula-compiler.ts';
import type { BaseModel, RecordModel, SortSpec, TableModel, ViewModel } from './model-types.ts';
import { isIdOf } from './new-ids.ts';
import { sortRecords } from './record-sort.ts';
import type { ResolvedSort } from './record-sort.ts';

/** The filtering and ordering parameters of a list request. */
export interface RecordQuery {
  readonly view?: string | undefined;
  readonly filterByFormula?: string | undefined;
  readonly sort?: readonly SortSpec[] | undefined;
}

/** The view named by id or name; an unknown one is 422 VIEW_ID_NOT_FOUND / VIEW_NAME_NOT_FOUND. */
export function resolveView(table: TableModel, view: string): ViewModel {
  const found =
    table.views.find((candidate) => candidate.id === view) ??
    table.views.find((candidate) => candidate.name === view);
  if (found !== undefined) return found;
  throw isIdOf('viw', view)
    ? airtableErrors.viewIdNotFound(view)
    : airtableErrors.viewNameNotFound(view);
}

/** Resolves sort keys to fields; an unknown field is 422 UNKNOWN_FIELD_NAME. */
export function resolveSorts(table: TableModel, sorts: readonly SortSpec[]): ResolvedSort[] {
  return sorts.map((sort) => {
    const field = findField(table, sort.field);
    if (field === undefined) throw airtableErrors.unknownField(sort.field);
    return { field, direction: sort.direction };
  });
}

function filtered(
  base: BaseModel,
  table: TableModel,
  records: readonly RecordModel[],
  formula: string | undefined,
  now: Date,
): readonly RecordModel[] {
  if (formula === undefined || formula.trim() === '') return records;
  const expression = parseFilterFormula(table, formula);
  return records.filter((record) =>
    isTruthy(evaluateOnRecord(base, table, record, expression, now)),
  );
}

/** The records `query` selects from `table`, in order. Throws Airtable's 422s on bad input. */
export function queryRecords(
  base: BaseModel,
  table: TableModel,
  query: RecordQuery,
  now: Date,
): RecordModel[] {
  const view = query.view === undefined ? undefined : resolveView(table, query.view);
  const requested = resolveSorts(table, query.sort ?? []);
  // Parse both formulas before scanning, so a bad filter fails fast on a big table.
  if (query.filterByFormula !== undefined && query.filterByFormula.trim() !== '') {
    parseFilterFormula(table, query.filterByFormula);
  }
  let records: readonly RecordModel[] = [...table.records.values()];
  records = filtered(base, table, records, view?.filterByFormula, now);
  records = filtered(base, table, records, query.filterByFormula, now);
  const sorts = requested.length > 0 ? requested : resolveSorts(table, view?.sort ?? []);
  return sortRecords(base, records, sorts);
}

import { buildFilterFormula } from '@pyairtable/airtable-access';
import type { RecordFilter, TableSchema } from '@pyairtable/airtable-access';
import { findField } from './base-access.ts';
import { ToolFailure } from './tool-failure.ts';

/**
 * The `filterByFormula` for a raw formula and/or a structured filter (both must hold). The
 * structured filter's field names are checked against the table first, so a typo gets the
 * valid names instead of Airtable's bare UNKNOWN_FIELD_NAME.
 */
export function combinedFormula(
  table: TableSchema,
  formula: string | undefined,
  filter: Readonly<Record<string, unknown>> | undefined,
): string | undefined {
  if (filter !== undefined) for (const field of filterFields(filter)) findField(table, field);
  const built = filter === undefined ? undefined : buildFilterFormula(filter as RecordFilter);
  if (formula === undefined) return built;
  if (built === undefined) return formula;
  return `AND(${formula}, ${built})`;
}

function filterFields(node: unknown): string[] {
  if (typeof node !== 'object' || node === null) return [];
  if (Array.isArray(node)) return node.flatMap(filterFields);
  const record = node as Record<string, unknown>;
  if (typeof record['field'] === 'string') return [record['field']];
  return [record['and'], record['or'], record['not']].flatMap(filterFields);
}

/** The view's name or id as Airtable takes it; a miss lists the table's views. */
export function checkView(table: TableSchema, view: string): void {
  if (table.views.some((candidate) => candidate.name === view || candidate.id === view)) return;
  const names = table.views.map((candidate) => `"${candidate.name}"`).join(', ');
  throw new ToolFailure(`Table "${table.name}" has no view "${view}". Valid views: ${names}.`);
}

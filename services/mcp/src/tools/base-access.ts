import type { BaseSummary, FieldSchema, TableSchema } from '@pyairtable/airtable-access';
import type { WorkspaceScope } from '../workspace-scope.ts';
import { ToolFailure } from './tool-failure.ts';

// Airtable pages the bases list; a token rarely sees more than a few pages.
const MAX_BASE_PAGES = 20;

/**
 * The bases the workspace allows that the tenant's token can see, with their names. A base
 * the token cannot see is left out: offering it would only lead to a read that fails.
 */
export async function listAllowedBases(scope: WorkspaceScope): Promise<BaseSummary[]> {
  const allowed = new Set(scope.allowedBaseIds);
  const bases: BaseSummary[] = [];
  let offset: string | undefined;
  for (let page = 0; page < MAX_BASE_PAGES; page += 1) {
    const list = await scope.airtable.listBases(offset === undefined ? {} : { offset });
    bases.push(...list.bases.filter((base) => allowed.has(base.id)));
    offset = list.offset;
    if (offset === undefined) break;
  }
  return bases;
}

/** Refuses a base the workspace does not allow, naming the ones it does. */
export function checkBaseAllowed(scope: WorkspaceScope, baseId: string): void {
  if (scope.allowedBaseIds.includes(baseId)) return;
  const allowed = scope.allowedBaseIds.length === 0 ? 'none' : scope.allowedBaseIds.join(', ');
  throw new ToolFailure(
    `Base ${baseId} is outside this workspace. Allowed bases: ${allowed}. Use list_bases to see their names.`,
  );
}

/**
 * The schema of a table named by id or name (names compare case-insensitively, as models
 * often change case). A miss lists the valid names: that is what lets the model recover.
 */
export async function findTable(
  scope: WorkspaceScope,
  baseId: string,
  table: string,
): Promise<TableSchema> {
  checkBaseAllowed(scope, baseId);
  const { tables } = await scope.airtable.getBaseSchema(baseId);
  const wanted = table.trim().toLowerCase();
  const found =
    tables.find((candidate) => candidate.id === table) ??
    tables.find((candidate) => candidate.name.toLowerCase() === wanted);
  if (found !== undefined) return found;
  const names = tables.map((candidate) => `"${candidate.name}" (${candidate.id})`).join(', ');
  throw new ToolFailure(`Base ${baseId} has no table "${table}". Valid tables: ${names}.`);
}

/** The table's field named (or identified) by `field`; a miss lists the valid names. */
export function findField(table: TableSchema, field: string): FieldSchema {
  const found = table.fields.find(
    (candidate) => candidate.name === field || candidate.id === field,
  );
  if (found !== undefined) return found;
  throw new ToolFailure(
    `Table "${table.name}" has no field "${field}". Valid fields: ${fieldNames(table)}.`,
  );
}

/** Checks every named field exists (names are case-sensitive in Airtable). */
export function checkFields(table: TableSchema, fields: Iterable<string>): void {
  for (const field of fields) findField(table, field);
}

function fieldNames(table: TableSchema): string {
  return table.fields.map((field) => `"${field.name}"`).join(', ');
}

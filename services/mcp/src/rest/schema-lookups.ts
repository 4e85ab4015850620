import type { TableSchema } from '@pyairtable/airtable-access';
import type { AppError } from '@pyairtable/kit';
import { checkFields, findTable } from '../tools/base-access.ts';
import { checkView } from '../tools/record-query.ts';
import { ToolFailure } from '../tools/tool-failure.ts';
import type { WorkspaceScope } from '../workspace-scope.ts';
import { mcpErrors } from '../mcp-errors.ts';

// The tools' lookups list the valid names on a miss, which is what a REST caller needs too;
// only their failure type is tool-shaped, so it is turned into a problem here.

async function asProblem<T>(
  problem: (params: { reason: string }) => AppError,
  lookup: () => T | Promise<T>,
): Promise<T> {
  try {
    return await lookup();
  } catch (error) {
    if (error instanceof ToolFailure) throw problem({ reason: error.message });
    throw error;
  }
}

/** The table named by id or name; a miss is a 404 listing the base's tables. */
export function tableOf(
  scope: WorkspaceScope,
  baseId: string,
  table: string,
): Promise<TableSchema> {
  return asProblem(mcpErrors.MCP_TABLE_NOT_FOUND, () => findTable(scope, baseId, table));
}

/** Checks field names (or ids) before Airtable sees them; a miss is a 422 listing the valid ones. */
export async function checkFieldNames(table: TableSchema, fields: Iterable<string>): Promise<void> {
  await asProblem(mcpErrors.MCP_UNKNOWN_NAME, () => {
    checkFields(table, fields);
  });
}

/** Checks a view name or id; a miss is a 422 listing the table's views. */
export async function checkViewName(table: TableSchema, view: string): Promise<void> {
  await asProblem(mcpErrors.MCP_UNKNOWN_NAME, () => {
    checkView(table, view);
  });
}

import { ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type {
  CompleteResourceTemplateCallback,
  McpServer,
} from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ListResourcesResult } from '@modelcontextprotocol/sdk/types.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { BaseSummary, TableSchema } from '@pyairtable/airtable-access';
import { findTable, listAllowedBases } from '../tools/base-access.ts';
import { ToolFailure } from '../tools/tool-failure.ts';
import type { WorkspaceScope } from '../workspace-scope.ts';
import { completeAllowedBaseId, requireAllowedBase, startingWith } from './allowed-bases.ts';
import { JSON_MIME_TYPE, jsonContents } from './json-contents.ts';
import { uriVariable } from './uri-variables.ts';

/** The URI template of one table's schema. */
export const TABLE_SCHEMA_URI_TEMPLATE = 'airtable://{baseId}/tables/{tableId}/schema';

type ListedResource = ListResourcesResult['resources'][number];

function tableResource(base: BaseSummary, table: TableSchema): ListedResource {
  return {
    uri: `airtable://${base.id}/tables/${table.id}/schema`,
    name: `${base.name} / ${table.name}`,
    title: `${table.name} schema`,
    description:
      table.description ??
      `Fields and views of the table "${table.name}" (${table.id}) in the base "${base.name}".`,
    mimeType: JSON_MIME_TYPE,
  };
}

// One base the token cannot describe must not empty the whole resources/list answer; its
// base resource stays listed, and reading that reports the error.
async function listTables(scope: WorkspaceScope): Promise<ListedResource[]> {
  const bases = await listAllowedBases(scope);
  const schemas = await Promise.allSettled(
    bases.map((base) => scope.airtable.getBaseSchema(base.id)),
  );
  return bases.flatMap((base, index) => {
    const schema = schemas[index];
    if (schema?.status !== 'fulfilled') return [];
    return schema.value.tables.map((table) => tableResource(base, table));
  });
}

// Table ids and names both read, so both are offered; the base comes from the variables the
// client has already filled in.
function completeTable(scope: WorkspaceScope): CompleteResourceTemplateCallback {
  return async (value, context) => {
    const baseId = context?.arguments?.['baseId'];
    if (baseId === undefined || !scope.allowedBaseIds.includes(baseId)) return [];
    const { tables } = await scope.airtable.getBaseSchema(baseId);
    return startingWith(
      tables.flatMap((table) => [table.id, table.name]),
      value,
    );
  };
}

// findTable words its misses for a model (the valid tables); here they go over the wire as
// a protocol error instead of a tool result.
async function readTable(
  scope: WorkspaceScope,
  baseId: string,
  table: string,
): Promise<TableSchema> {
  try {
    return await findTable(scope, baseId, table);
  } catch (error) {
    if (error instanceof ToolFailure) throw new McpError(ErrorCode.InvalidParams, error.message);
    throw error;
  }
}

/**
 * Registers `airtable://{baseId}/tables/{tableId}/schema`: one table in full, named by id or
 * (case-insensitively) by name, in the shape describe_table returns.
 */
export function registerTableSchemaResource(server: McpServer, scope: WorkspaceScope): void {
  const template = new ResourceTemplate(TABLE_SCHEMA_URI_TEMPLATE, {
    list: async () => ({ resources: await listTables(scope) }),
    complete: { baseId: completeAllowedBaseId(scope), tableId: completeTable(scope) },
  });
  server.registerResource(
    'table_schema',
    template,
    {
      title: 'Airtable table schema',
      description:
        'One table with its fields (types, options, descriptions), primary field and views, as JSON. The table may be given by id or by name.',
      mimeType: JSON_MIME_TYPE,
    },
    async (uri, variables) => {
      const baseId = uriVariable(variables, 'baseId');
      requireAllowedBase(scope, baseId);
      const table = await readTable(scope, baseId, uriVariable(variables, 'tableId'));
      return jsonContents(uri, table);
    },
  );
}

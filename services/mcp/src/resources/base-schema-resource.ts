import { ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { listAllowedBases } from '../tools/base-access.ts';
import type { WorkspaceScope } from '../workspace-scope.ts';
import { completeAllowedBaseId, requireAllowedBase } from './allowed-bases.ts';
import { JSON_MIME_TYPE, jsonContents } from './json-contents.ts';
import { uriVariable } from './uri-variables.ts';

/** The URI template of a base's schema. */
export const BASE_SCHEMA_URI_TEMPLATE = 'airtable://{baseId}/schema';

/**
 * Registers `airtable://{baseId}/schema`: every table of an allowed base with its fields and
 * views, in the shape get_base_schema returns at detail "full".
 */
export function registerBaseSchemaResource(server: McpServer, scope: WorkspaceScope): void {
  const template = new ResourceTemplate(BASE_SCHEMA_URI_TEMPLATE, {
    async list() {
      const bases = await listAllowedBases(scope);
      return {
        resources: bases.map((base) => ({
          uri: `airtable://${base.id}/schema`,
          name: base.name,
          title: `${base.name} schema`,
          description: `Tables of the base "${base.name}" (${base.id}) with their fields and views.`,
          mimeType: JSON_MIME_TYPE,
        })),
      };
    },
    complete: { baseId: completeAllowedBaseId(scope) },
  });
  server.registerResource(
    'base_schema',
    template,
    {
      title: 'Airtable base schema',
      description:
        'The tables of a base with their fields (types, options, descriptions) and views, as JSON.',
      mimeType: JSON_MIME_TYPE,
    },
    async (uri, variables) => {
      const baseId = uriVariable(variables, 'baseId');
      requireAllowedBase(scope, baseId);
      const { tables } = await scope.airtable.getBaseSchema(baseId);
      return jsonContents(uri, { baseId, tables });
    },
  );
}

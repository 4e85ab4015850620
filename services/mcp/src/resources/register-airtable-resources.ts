import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { WorkspaceScope } from '../workspace-scope.ts';
import { registerBaseSchemaResource } from './base-schema-resource.ts';
import { registerTableSchemaResource } from './table-schema-resource.ts';

/**
 * Registers the Airtable schema resources for one request's scope: a base's schema and one
 * table's. Lists, completions and reads reach only the bases the workspace allows. They only
 * read, so every role gets them.
 */
export function registerAirtableResources(server: McpServer, scope: WorkspaceScope): void {
  registerBaseSchemaResource(server, scope);
  registerTableSchemaResource(server, scope);
}

import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { registerAirtableTools } from '../register-airtable-tools.ts';
import { registerAirtableResources } from '../resources/register-airtable-resources.ts';
import type { ToolMetrics } from '../tools/tool-metrics.ts';
import type { WorkspaceScope } from '../workspace-scope.ts';

/** The name and version mcp introduces itself with. */
export const MCP_SERVER_INFO = { name: 'pyairtable-mcp', version: '0.1.0' } as const;

const INSTRUCTIONS =
  'Tools for the Airtable bases of one PyAirtable workspace. Start with list_bases, then get_base_schema (detail "tableIds" on big bases) or describe_table. Use aggregate_records for counts and sums instead of counting list_records pages. Tool errors explain how to fix the call.';

/** An MCP server with the tools and resources one caller's scope allows. */
export function createWorkspaceServer(scope: WorkspaceScope, metrics?: ToolMetrics): McpServer {
  const server = new McpServer(MCP_SERVER_INFO, { instructions: INSTRUCTIONS });
  registerAirtableTools(server, scope, metrics);
  registerAirtableResources(server, scope);
  return server;
}

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { AIRTABLE_TOOLS } from './tools/airtable-tools.ts';
import type { ToolMetrics } from './tools/tool-metrics.ts';
import type { WorkspaceScope } from './workspace-scope.ts';

/** Names the replaced system used, and the tool each one now calls. */
export const LEGACY_TOOL_ALIASES: Readonly<Record<string, string>> = {
  airtable_list_bases: 'list_bases',
  airtable_get_schema: 'get_base_schema',
  airtable_list_records: 'list_records',
  airtable_get_record: 'get_record',
  airtable_create_records: 'create_records',
  airtable_update_records: 'update_records',
  airtable_delete_records: 'delete_records',
};

/** The names of the tools (without aliases), in registration order. */
export const AIRTABLE_TOOL_NAMES: readonly string[] = AIRTABLE_TOOLS.map((tool) => tool.name);

/**
 * Registers the Airtable tools for one request's scope. Viewers get only the read-only ones:
 * the write tools are not even listed, so a model never plans with them. The replaced
 * system's names are registered as aliases of the same handlers. `metrics`, made once per
 * process with `createToolMetrics`, counts every call.
 */
export function registerAirtableTools(
  server: McpServer,
  scope: WorkspaceScope,
  metrics?: ToolMetrics,
): void {
  const options = metrics === undefined ? {} : { metrics };
  const available = AIRTABLE_TOOLS.filter((tool) => scope.role !== 'viewer' || tool.readOnly);
  for (const tool of available) tool.register(server, scope, options);
  for (const [alias, name] of Object.entries(LEGACY_TOOL_ALIASES)) {
    available.find((tool) => tool.name === name)?.register(server, scope, { ...options, alias });
  }
}

const writeTools = new Set(
  AIRTABLE_TOOLS.filter((tool) => !tool.readOnly).map((tool) => tool.name),
);

/** The tools and aliases that change Airtable data or schema: never offered to viewers. */
export const WRITE_TOOL_NAMES: ReadonlySet<string> = new Set([
  ...writeTools,
  ...Object.entries(LEGACY_TOOL_ALIASES)
    .filter(([, name]) => writeTools.has(name))
    .map(([alias]) => alias),
]);

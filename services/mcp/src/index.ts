/** The mcp service's public surface: the app, the Airtable tool layer and the scope it runs in. */
export { mcpApp } from './app.ts';
export type { McpAppOptions } from './app.ts';
export { mcpConfigSchema } from './config.ts';
export type { McpConfig } from './config.ts';
export {
  AIRTABLE_TOOL_NAMES,
  LEGACY_TOOL_ALIASES,
  registerAirtableTools,
} from './register-airtable-tools.ts';
export { registerAirtableResources } from './resources/register-airtable-resources.ts';
export type { WorkspaceScope } from './workspace-scope.ts';
export { createToolMetrics } from './tools/tool-metrics.ts';
export type { ToolMetrics, ToolOutcome } from './tools/tool-metrics.ts';
export { AIRTABLE_REST_PREFIX, airtableRestRoutes } from './rest/airtable-rest-routes.ts';
export type { AirtableRestOptions } from './rest/airtable-rest-routes.ts';
export { OPENAPI_PATH, restOpenApi } from './rest/rest-openapi.ts';

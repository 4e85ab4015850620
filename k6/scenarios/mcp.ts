/** MCP tools/call through /mcp, cached and uncached (flows/mcp-flow.ts) under PROFILE. */
import { mcpWorkload } from '../flows/mcp-flow.ts';
import { entryScript } from '../lib/entry-script.ts';

export { mcpFlow } from '../flows/mcp-flow.ts';

const script = entryScript('mcp', [mcpWorkload]);
export const options = script.options;
export const setup = script.setup;
export const handleSummary = script.handleSummary;

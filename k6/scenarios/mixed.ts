/**
 * Every workload at once, weighted as the platform is expected to be used: chat users (SSE
 * and WebSocket) and integrations (MCP clients, REST) side by side, with a few sign-ins.
 * The numbers are virtual users at the average profile's plateau; other profiles scale them.
 */
import { airtableWorkload } from '../flows/airtable-flow.ts';
import { authWorkload } from '../flows/auth-flow.ts';
import { chatSseWorkload } from '../flows/chat-sse-flow.ts';
import { chatWsWorkload } from '../flows/chat-ws-flow.ts';
import { mcpWorkload } from '../flows/mcp-flow.ts';
import { entryScript } from '../lib/entry-script.ts';
import { withVus } from '../lib/script-options.ts';

export { airtableFlow } from '../flows/airtable-flow.ts';
export { authFlow } from '../flows/auth-flow.ts';
export { chatSseFlow } from '../flows/chat-sse-flow.ts';
export { chatWsFlow } from '../flows/chat-ws-flow.ts';
export { mcpFlow } from '../flows/mcp-flow.ts';

const script = entryScript('mixed', [
  withVus(authWorkload, 1),
  withVus(chatSseWorkload, 2),
  withVus(chatWsWorkload, 2),
  withVus(mcpWorkload, 3),
  withVus(airtableWorkload, 2),
]);
export const options = script.options;
export const setup = script.setup;
export const handleSummary = script.handleSummary;

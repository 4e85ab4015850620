/** Chat over the WebSocket, time to first token and tokens/s (flows/chat-ws-flow.ts) under PROFILE. */
import { chatWsWorkload } from '../flows/chat-ws-flow.ts';
import { entryScript } from '../lib/entry-script.ts';

export { chatWsFlow } from '../flows/chat-ws-flow.ts';

const script = entryScript('chat-ws', [chatWsWorkload]);
export const options = script.options;
export const setup = script.setup;
export const handleSummary = script.handleSummary;

/** Chat over SSE, whole turns (flows/chat-sse-flow.ts) under PROFILE. */
import { chatSseWorkload } from '../flows/chat-sse-flow.ts';
import { entryScript } from '../lib/entry-script.ts';

export { chatSseFlow } from '../flows/chat-sse-flow.ts';

const script = entryScript('chat-sse', [chatSseWorkload]);
export const options = script.options;
export const setup = script.setup;
export const handleSummary = script.handleSummary;

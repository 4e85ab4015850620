/** Sign-in and token refresh (flows/auth-flow.ts) under PROFILE. */
import { authWorkload } from '../flows/auth-flow.ts';
import { entryScript } from '../lib/entry-script.ts';

export { authFlow } from '../flows/auth-flow.ts';

const script = entryScript('auth', [authWorkload]);
export const options = script.options;
export const setup = script.setup;
export const handleSummary = script.handleSummary;

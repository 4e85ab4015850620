/** Airtable REST reads and writes through /api/airtable (flows/airtable-flow.ts) under PROFILE. */
import { airtableWorkload } from '../flows/airtable-flow.ts';
import { entryScript } from '../lib/entry-script.ts';

export { airtableFlow } from '../flows/airtable-flow.ts';

const script = entryScript('airtable', [airtableWorkload]);
export const options = script.options;
export const setup = script.setup;
export const handleSummary = script.handleSummary;

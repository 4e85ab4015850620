import { z } from 'zod';
import type { ToolHints } from './define-tool.ts';
import { fieldValuesInput } from './shared-schemas.ts';

// The access layer sends any number in requests of 10; this bound keeps one tool call to a
// few seconds of Airtable time (5 requests/s per base) and its answer within a context.
/** Most records one write tool call takes. */
export const MAX_RECORDS_PER_CALL = 500;

/** `typecast`, as every write tool takes it. */
export const typecastInput = z
  .boolean()
  .default(false)
  .describe(
    'Let Airtable convert values, e.g. create a missing select option from text. Default false.',
  );

/** A record to create (or to upsert). */
export const newRecordInput = z.object({ fields: fieldValuesInput });

/** Hints of writes that change existing data. */
export const CHANGES_DATA: ToolHints = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: true,
  openWorldHint: true,
};

/** The records of a create or upsert call, with an example the model can copy. */
export function newRecordsInput(example: string) {
  return z
    .array(newRecordInput)
    .min(1)
    .max(MAX_RECORDS_PER_CALL)
    .describe(`Records to write, e.g. ${example}.`);
}

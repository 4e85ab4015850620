import { formulaDate } from '../formula-value.ts';
import { eager, lazy } from './function-definition.ts';
import type { FunctionTable } from './function-definition.ts';

/** RECORD_ID, CREATED_TIME and LAST_MODIFIED_TIME: facts about the record itself. */
export const recordFunctions: FunctionTable = {
  RECORD_ID: eager(0, 0, (_args, context) => context.recordId),
  CREATED_TIME: eager(0, 0, (_args, context) => formulaDate(context.createdTime.getTime(), true)),
  // Airtable can narrow this to changes of the given fields; the emulator keeps one
  // modification time per record, so the field arguments are accepted and not evaluated.
  LAST_MODIFIED_TIME: lazy(0, Infinity, (_args, context) =>
    formulaDate(context.lastModifiedTime.getTime(), true),
  ),
};

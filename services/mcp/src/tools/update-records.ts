import { z } from 'zod';
import { checkFields, findTable } from './base-access.ts';
import { defineTool } from './define-tool.ts';
import { asJsonObject } from './json-arguments.ts';
import {
  baseIdInput,
  fieldValuesInput,
  recordIdInput,
  recordOutput,
  tableInput,
} from './shared-schemas.ts';
import { CHANGES_DATA, MAX_RECORDS_PER_CALL, typecastInput } from './write-schemas.ts';

/** update_records: changes records by id, patching given fields or replacing all. */
export const updateRecordsTool = defineTool({
  name: 'update_records',
  title: 'Update records',
  description: `Changes existing records by id (1 to ${String(MAX_RECORDS_PER_CALL)} per call). mode "patch" (default) changes only the given fields; mode "replace" CLEARS every field not given. Returns the records as they are now.`,
  inputSchema: {
    baseId: baseIdInput,
    table: tableInput,
    records: z
      .array(z.object({ id: recordIdInput, fields: fieldValuesInput }))
      .min(1)
      .max(MAX_RECORDS_PER_CALL)
      .describe('Changes, e.g. [{"id": "recIYKS7NheFsJ3g0", "fields": {"Stage": "Closed Won"}}].'),
    mode: z
      .enum(['patch', 'replace'])
      .default('patch')
      .describe('"patch" keeps fields not mentioned; "replace" clears them.'),
    typecast: typecastInput,
  },
  outputSchema: { records: z.array(recordOutput), count: z.number() },
  annotations: CHANGES_DATA,
  async run(scope, { baseId, table, records, mode, typecast }) {
    const schema = await findTable(scope, baseId, table);
    checkFields(schema, new Set(records.flatMap((record) => Object.keys(record.fields))));
    const updated = await scope.airtable.updateRecords(
      baseId,
      schema.id,
      records.map((record) => ({ id: record.id, fields: asJsonObject(record.fields) })),
      { typecast, replace: mode === 'replace' },
    );
    return {
      summary: `Updated ${String(updated.length)} record(s) in "${schema.name}" (${mode}).`,
      data: {
        records: updated.map(({ id, createdTime, fields }) => ({ id, createdTime, fields })),
        count: updated.length,
      },
    };
  },
});

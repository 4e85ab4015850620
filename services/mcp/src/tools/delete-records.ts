import { z } from 'zod';
import { findTable } from './base-access.ts';
import { defineTool } from './define-tool.ts';
import { baseIdInput, recordIdInput, tableInput } from './shared-schemas.ts';
import { CHANGES_DATA, MAX_RECORDS_PER_CALL } from './write-schemas.ts';

/** delete_records: deletes records by id. */
export const deleteRecordsTool = defineTool({
  name: 'delete_records',
  title: 'Delete records',
  description: `Deletes records by id (1 to ${String(MAX_RECORDS_PER_CALL)} per call). This cannot be undone through this API: confirm with the user first. Returns the deleted ids.`,
  inputSchema: {
    baseId: baseIdInput,
    table: tableInput,
    recordIds: z
      .array(recordIdInput)
      .min(1)
      .max(MAX_RECORDS_PER_CALL)
      .describe('Ids of the records to delete, e.g. ["recIYKS7NheFsJ3g0"].'),
  },
  outputSchema: { deletedIds: z.array(z.string()), count: z.number() },
  annotations: CHANGES_DATA,
  async run(scope, { baseId, table, recordIds }) {
    const schema = await findTable(scope, baseId, table);
    const deleted = await scope.airtable.deleteRecords(baseId, schema.id, recordIds);
    return {
      summary: `Deleted ${String(deleted.length)} record(s) from "${schema.name}".`,
      data: { deletedIds: deleted.map((record) => record.id), count: deleted.length },
    };
  },
});

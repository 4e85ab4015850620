import { findTable } from './base-access.ts';
import { defineTool } from './define-tool.ts';
import {
  baseIdInput,
  READ_ONLY,
  recordIdInput,
  recordOutput,
  tableInput,
} from './shared-schemas.ts';

/** get_record: one record by id, with all its non-empty fields. */
export const getRecordTool = defineTool({
  name: 'get_record',
  title: 'Get record',
  description:
    'Returns one record by its id with every non-empty field (Airtable leaves empty fields out). Use list_records or search_records to find ids.',
  inputSchema: { baseId: baseIdInput, table: tableInput, recordId: recordIdInput },
  outputSchema: recordOutput.shape,
  annotations: READ_ONLY,
  async run(scope, { baseId, table, recordId }) {
    const schema = await findTable(scope, baseId, table);
    const { id, createdTime, fields } = await scope.airtable.getRecord(baseId, schema.id, recordId);
    return { summary: `Record ${id} of "${schema.name}".`, data: { id, createdTime, fields } };
  },
});

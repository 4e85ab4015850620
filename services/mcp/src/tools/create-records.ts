import { z } from 'zod';
import { checkFields, findTable } from './base-access.ts';
import { defineTool } from './define-tool.ts';
import { asJsonObject } from './json-arguments.ts';
import { baseIdInput, recordOutput, tableInput } from './shared-schemas.ts';
import { MAX_RECORDS_PER_CALL, newRecordsInput, typecastInput } from './write-schemas.ts';

/** create_records: adds records, any number up to the per-call bound. */
export const createRecordsTool = defineTool({
  name: 'create_records',
  title: 'Create records',
  description: `Creates records (1 to ${String(MAX_RECORDS_PER_CALL)} per call; they are sent to Airtable 10 at a time). Field names must match the table exactly (see describe_table). Returns the new records with their ids. Not idempotent: calling twice creates duplicates.`,
  inputSchema: {
    baseId: baseIdInput,
    table: tableInput,
    records: newRecordsInput('[{"fields": {"Name": "Acme renewal", "Amount": 12000}}]'),
    typecast: typecastInput,
  },
  outputSchema: { records: z.array(recordOutput), count: z.number() },
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: true,
  },
  async run(scope, { baseId, table, records, typecast }) {
    const schema = await findTable(scope, baseId, table);
    checkFields(schema, new Set(records.flatMap((record) => Object.keys(record.fields))));
    const created = await scope.airtable.createRecords(
      baseId,
      schema.id,
      records.map((record) => ({ fields: asJsonObject(record.fields) })),
      { typecast },
    );
    return {
      summary: `Created ${String(created.length)} record(s) in "${schema.name}".`,
      data: {
        records: created.map(({ id, createdTime, fields }) => ({ id, createdTime, fields })),
        count: created.length,
      },
    };
  },
});

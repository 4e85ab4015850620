import { z } from 'zod';
import { checkFields, findTable } from './base-access.ts';
import { defineTool } from './define-tool.ts';
import { asJsonObject } from './json-arguments.ts';
import { baseIdInput, recordOutput, tableInput } from './shared-schemas.ts';
import {
  CHANGES_DATA,
  MAX_RECORDS_PER_CALL,
  newRecordsInput,
  typecastInput,
} from './write-schemas.ts';

/** upsert_records: creates or updates records matched on 1 to 3 fields. */
export const upsertRecordsTool = defineTool({
  name: 'upsert_records',
  title: 'Upsert records',
  description: `Creates or updates records (1 to ${String(MAX_RECORDS_PER_CALL)} per call) matched on fieldsToMergeOn: no match creates a record, one match updates it, several matches fail. Each record must include the merge fields. Returns the records and which ids were created or updated.`,
  inputSchema: {
    baseId: baseIdInput,
    table: tableInput,
    records: newRecordsInput('[{"fields": {"Name": "Acme renewal", "Amount": 15000}}]'),
    fieldsToMergeOn: z
      .array(z.string().min(1))
      .min(1)
      .max(3)
      .describe('1 to 3 fields that identify a record, e.g. ["Name"].'),
    mode: z
      .enum(['patch', 'replace'])
      .default('patch')
      .describe('For matched records: "patch" keeps fields not given; "replace" clears them.'),
    typecast: typecastInput,
  },
  outputSchema: {
    records: z.array(recordOutput),
    createdRecords: z.array(z.string()),
    updatedRecords: z.array(z.string()),
  },
  annotations: CHANGES_DATA,
  async run(scope, args) {
    const table = await findTable(scope, args.baseId, args.table);
    checkFields(table, args.fieldsToMergeOn);
    checkFields(table, new Set(args.records.flatMap((record) => Object.keys(record.fields))));
    const result = await scope.airtable.upsertRecords(
      args.baseId,
      table.id,
      args.records.map((record) => ({ fields: asJsonObject(record.fields) })),
      {
        fieldsToMergeOn: args.fieldsToMergeOn,
        typecast: args.typecast,
        replace: args.mode === 'replace',
      },
    );
    return {
      summary: `Upserted into "${table.name}": ${String(result.createdRecords.length)} created, ${String(result.updatedRecords.length)} updated.`,
      data: {
        records: result.records.map(({ id, createdTime, fields }) => ({ id, createdTime, fields })),
        createdRecords: [...result.createdRecords],
        updatedRecords: [...result.updatedRecords],
      },
    };
  },
});

import { searchFormula } from '@pyairtable/airtable-access';
import { z } from 'zod';
import { findField, findTable } from './base-access.ts';
import { defineTool } from './define-tool.ts';
import { baseIdInput, READ_ONLY, recordOutput, tableInput } from './shared-schemas.ts';

// Field types whose cell is text a person would search in.
const TEXT_TYPES = new Set([
  'singleLineText',
  'multilineText',
  'richText',
  'email',
  'url',
  'phoneNumber',
  'singleSelect',
  'multipleSelects',
]);

/** search_records: case-insensitive text search over a table's text fields. */
export const searchRecordsTool = defineTool({
  name: 'search_records',
  title: 'Search records',
  description:
    'Finds records whose text fields contain the search term (case-insensitive; the term is matched literally, never run as a formula). Searches every text field unless fields narrows it. Returns one page; pass nextCursor as cursor for more.',
  inputSchema: {
    baseId: baseIdInput,
    table: tableInput,
    term: z.string().min(1).max(500).describe('The text to look for, e.g. "Atlas".'),
    fields: z
      .array(z.string().min(1))
      .min(1)
      .max(50)
      .optional()
      .describe('Search only these fields, e.g. ["Name", "Owner"].'),
    pageSize: z.number().int().min(1).max(100).default(25).describe('Records per page, 1-100.'),
    cursor: z.string().min(1).max(1_000).optional().describe('nextCursor of the previous call.'),
  },
  outputSchema: {
    records: z.array(recordOutput),
    count: z.number(),
    searchedFields: z.array(z.string()),
    nextCursor: z.string().optional(),
  },
  annotations: READ_ONLY,
  async run(scope, args) {
    const table = await findTable(scope, args.baseId, args.table);
    const searched =
      args.fields?.map((name) => findField(table, name).name) ??
      table.fields.filter((field) => TEXT_TYPES.has(field.type)).map((field) => field.name);
    const page = await scope.airtable.listRecords(args.baseId, table.id, {
      filterByFormula: searchFormula(args.term, searched),
      pageSize: args.pageSize,
      ...(args.cursor === undefined ? {} : { offset: args.cursor }),
    });
    return {
      summary: `${String(page.records.length)} record(s) in "${table.name}" contain "${args.term}".`,
      data: {
        records: page.records.map(({ id, createdTime, fields }) => ({ id, createdTime, fields })),
        count: page.records.length,
        searchedFields: searched,
        ...(page.offset === undefined ? {} : { nextCursor: page.offset }),
      },
    };
  },
});

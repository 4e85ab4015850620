import type { ListRecordsOptions } from '@pyairtable/airtable-access';
import { z } from 'zod';
import { checkFields, findTable } from './base-access.ts';
import { defineTool } from './define-tool.ts';
import { checkView, combinedFormula } from './record-query.ts';
import { baseIdInput, filterInput, READ_ONLY, recordOutput, tableInput } from './shared-schemas.ts';

/** list_records: one page of a table, optionally filtered, sorted and narrowed to fields. */
export const listRecordsTool = defineTool({
  name: 'list_records',
  title: 'List records',
  description:
    'Returns ONE page of records (at most pageSize, max 100). When nextCursor is present there are more: call again with cursor=nextCursor. Never count records from one page; use aggregate_records for "how many / how much". Narrow with view, fields (only the columns you need), filter (structured, preferred) or filterByFormula (Airtable formula), and sort.',
  inputSchema: {
    baseId: baseIdInput,
    table: tableInput,
    view: z
      .string()
      .min(1)
      .max(255)
      .optional()
      .describe('A view name or id, e.g. "Open pipeline": its filters and order apply.'),
    fields: z
      .array(z.string().min(1))
      .min(1)
      .max(100)
      .optional()
      .describe('Only these fields, e.g. ["Name", "Amount"]. Keeps answers small.'),
    filter: filterInput.optional(),
    filterByFormula: z
      .string()
      .min(1)
      .max(10_000)
      .optional()
      .describe('An Airtable formula; records where it is truthy, e.g. "{Amount} > 10000".'),
    sort: z
      .array(
        z.object({
          field: z.string().min(1).describe('Field name, e.g. "Amount".'),
          direction: z.enum(['asc', 'desc']).default('asc'),
        }),
      )
      .max(10)
      .optional()
      .describe('Sort keys in order, e.g. [{"field": "Amount", "direction": "desc"}].'),
    maxRecords: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .describe('Stop after this many records over all pages.'),
    pageSize: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(100)
      .describe('Records per page, 1 to 100 (default 100).'),
    cursor: z
      .string()
      .min(1)
      .max(1_000)
      .optional()
      .describe('nextCursor from the previous call, to get the following page.'),
  },
  outputSchema: {
    records: z.array(recordOutput),
    count: z.number().describe('Records on this page.'),
    nextCursor: z.string().optional().describe('Pass as cursor for the next page.'),
  },
  annotations: READ_ONLY,
  async run(scope, args) {
    const table = await findTable(scope, args.baseId, args.table);
    if (args.fields !== undefined) checkFields(table, args.fields);
    if (args.sort !== undefined)
      checkFields(
        table,
        args.sort.map((key) => key.field),
      );
    if (args.view !== undefined) checkView(table, args.view);
    const formula = combinedFormula(table, args.filterByFormula, args.filter);
    const options: ListRecordsOptions = {
      pageSize: args.pageSize,
      ...(args.view === undefined ? {} : { view: args.view }),
      ...(args.fields === undefined ? {} : { fields: args.fields }),
      ...(formula === undefined ? {} : { filterByFormula: formula }),
      ...(args.sort === undefined ? {} : { sort: args.sort }),
      ...(args.maxRecords === undefined ? {} : { maxRecords: args.maxRecords }),
      ...(args.cursor === undefined ? {} : { offset: args.cursor }),
    };
    const page = await scope.airtable.listRecords(args.baseId, table.id, options);
    const more = page.offset === undefined ? 'no more pages' : 'more pages: pass nextCursor';
    return {
      summary: `${String(page.records.length)} record(s) from "${table.name}"; ${more}.`,
      data: {
        records: page.records.map(({ id, createdTime, fields }) => ({ id, createdTime, fields })),
        count: page.records.length,
        ...(page.offset === undefined ? {} : { nextCursor: page.offset }),
      },
    };
  },
});

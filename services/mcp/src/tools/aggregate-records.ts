import type { TableSchema } from '@pyairtable/airtable-access';
import { z } from 'zod';
import { createAccumulator, groupKeyOf } from './aggregation.ts';
import type { Statistics } from './aggregation.ts';
import { findField, findTable } from './base-access.ts';
import { defineTool } from './define-tool.ts';
import { checkView, combinedFormula } from './record-query.ts';
import { baseIdInput, filterInput, READ_ONLY, tableInput } from './shared-schemas.ts';
import { ToolFailure } from './tool-failure.ts';

// Types whose cells are (or may compute to) numbers.
const NUMERIC_TYPES = new Set([
  'number',
  'currency',
  'percent',
  'rating',
  'duration',
  'autoNumber',
  'count',
  'rollup',
  'formula',
]);
// A group per distinct value of a free-text field could flood the model's context.
const MAX_GROUPS = 500;

const statisticsOutput = z.object({
  count: z.number().describe('Records matched.'),
  valueCount: z.number().describe('Of those, records with a number in the field.'),
  sum: z.number().optional(),
  avg: z.number().nullable().optional(),
  min: z.number().nullable().optional(),
  max: z.number().nullable().optional(),
});

function numericField(table: TableSchema, name: string): string {
  const field = findField(table, name);
  if (NUMERIC_TYPES.has(field.type)) return field.name;
  const numeric = table.fields.filter((candidate) => NUMERIC_TYPES.has(candidate.type));
  throw new ToolFailure(
    `Field "${field.name}" is ${field.type}, not numeric. Numeric fields of "${table.name}": ${numeric.map((f) => `"${f.name}"`).join(', ') || 'none'}. Use only count to count records.`,
  );
}

function report(stats: Statistics, withValues: boolean): z.output<typeof statisticsOutput> {
  if (!withValues) return { count: stats.count, valueCount: stats.valueCount };
  const avg = stats.valueCount === 0 ? null : stats.sum / stats.valueCount;
  return { ...stats, avg };
}

/** aggregate_records: exact count, sum, avg, min and max over every matching record. */
export const aggregateRecordsTool = defineTool({
  name: 'aggregate_records',
  title: 'Aggregate records',
  description:
    'Answers "how many" and "how much" exactly: counts matching records and, given a numeric field, their sum, avg, min and max, over ALL pages (not just the first 100), optionally per value of a groupBy field. Use this instead of counting list_records output. Narrow with filter, filterByFormula or view.',
  inputSchema: {
    baseId: baseIdInput,
    table: tableInput,
    field: z
      .string()
      .min(1)
      .optional()
      .describe('Numeric field for sum/avg/min/max, e.g. "Amount". Leave out to count only.'),
    groupBy: z
      .string()
      .min(1)
      .optional()
      .describe('Field whose values form the groups, e.g. "Stage".'),
    filter: filterInput.optional(),
    filterByFormula: z
      .string()
      .min(1)
      .max(10_000)
      .optional()
      .describe('An Airtable formula records must satisfy, e.g. "{Amount} > 10000".'),
    view: z.string().min(1).max(255).optional().describe('Only records in this view.'),
  },
  outputSchema: {
    table: z.string(),
    field: z.string().optional(),
    groupBy: z.string().optional(),
    total: statisticsOutput,
    groups: z.array(statisticsOutput.extend({ key: z.string() })).optional(),
    groupsTruncated: z
      .boolean()
      .optional()
      .describe(`True when over ${String(MAX_GROUPS)} groups.`),
  },
  annotations: READ_ONLY,
  async run(scope, args) {
    const table = await findTable(scope, args.baseId, args.table);
    const field = args.field === undefined ? undefined : numericField(table, args.field);
    const groupBy = args.groupBy === undefined ? undefined : findField(table, args.groupBy).name;
    if (args.view !== undefined) checkView(table, args.view);
    const formula = combinedFormula(table, args.filterByFormula, args.filter);
    // Only the fields the answer needs, so pages stay small; with none needed, the primary
    // field (no `fields` at all would mean every field).
    const fields = [...new Set([field, groupBy].filter((name) => name !== undefined))];
    const primary = table.fields.find((candidate) => candidate.id === table.primaryFieldId);
    if (fields.length === 0 && primary !== undefined) fields.push(primary.name);
    const pages = scope.airtable.listAllRecords(args.baseId, table.id, {
      pageSize: 100,
      fields,
      ...(formula === undefined ? {} : { filterByFormula: formula }),
      ...(args.view === undefined ? {} : { view: args.view }),
    });
    const accumulator = createAccumulator();
    for await (const page of pages) {
      for (const record of page.records) {
        accumulator.add(
          field === undefined ? undefined : record.fields[field],
          groupBy === undefined ? undefined : groupKeyOf(record.fields[groupBy]),
        );
      }
    }
    const withValues = field !== undefined;
    const groups = [...accumulator.groups]
      .sort(([, a], [, b]) => b.count - a.count)
      .map(([key, stats]) => ({ key, ...report(stats, withValues) }));
    const total = report(accumulator.total, withValues);
    const sum = withValues ? `, sum of ${field} ${String(total.sum)}` : '';
    return {
      summary: `${String(total.count)} record(s) in "${table.name}"${sum}.`,
      data: {
        table: table.name,
        ...(field === undefined ? {} : { field }),
        total,
        ...(groupBy === undefined
          ? {}
          : {
              groupBy,
              groups: groups.slice(0, MAX_GROUPS),
              groupsTruncated: groups.length > MAX_GROUPS,
            }),
      },
    };
  },
});

import { z } from 'zod';
import { findTable } from './base-access.ts';
import { defineTool } from './define-tool.ts';
import { baseIdInput, READ_ONLY, tableInput } from './shared-schemas.ts';

/** describe_table: one table's fields (with types and options) and views. */
export const describeTableTool = defineTool({
  name: 'describe_table',
  title: 'Describe table',
  description:
    'Returns one table in full: its fields with types, select options and descriptions, the primary field and the views. Call it before filtering or writing so field names and value types are right.',
  inputSchema: { baseId: baseIdInput, table: tableInput },
  outputSchema: {
    id: z.string(),
    name: z.string(),
    primaryFieldId: z.string(),
    description: z.string().optional(),
    fields: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        type: z.string(),
        description: z.string().optional(),
        options: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
    views: z.array(z.object({ id: z.string(), name: z.string(), type: z.string() })),
  },
  annotations: READ_ONLY,
  async run(scope, { baseId, table }) {
    const schema = await findTable(scope, baseId, table);
    return {
      summary: `Table "${schema.name}": ${String(schema.fields.length)} fields, ${String(schema.views.length)} views.`,
      data: schema,
    };
  },
});

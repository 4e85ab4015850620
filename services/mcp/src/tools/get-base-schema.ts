import type { FieldSchema, TableSchema, ViewSchema } from '@pyairtable/airtable-access';
import { z } from 'zod';
import { checkBaseAllowed } from './base-access.ts';
import { defineTool } from './define-tool.ts';
import { baseIdInput, READ_ONLY } from './shared-schemas.ts';

const fieldOutput = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string().optional(),
  description: z.string().optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});

const tableOutput = z.object({
  id: z.string(),
  name: z.string(),
  primaryFieldId: z.string().optional(),
  description: z.string().optional(),
  fields: z.array(fieldOutput).optional(),
  views: z.array(z.object({ id: z.string(), name: z.string(), type: z.string() })).optional(),
});

/** How much of each table a schema answer shows. */
export type SchemaDetail = 'tableIds' | 'identifiers' | 'full';

/** A field as a schema answer shows it: its id and name, and more in full. */
export type FieldAtDetail = Pick<FieldSchema, 'id' | 'name'> & Partial<FieldSchema>;

/** A table as a schema answer shows it: its ids and names, and more at higher detail. */
export interface TableAtDetail {
  readonly id: string;
  readonly name: string;
  readonly primaryFieldId?: string;
  readonly description?: string;
  readonly fields?: FieldAtDetail[];
  readonly views?: ViewSchema[];
}

/**
 * `table` at `detail`, for get_base_schema and `GET /bases/:baseId/schema`. A full schema of a
 * large base can run to hundreds of thousands of characters; the smaller levels let a model
 * find its table first and ask describe_table for that one.
 */
export function atDetail(table: TableSchema, detail: SchemaDetail): TableAtDetail {
  if (detail === 'tableIds') return { id: table.id, name: table.name };
  if (detail === 'identifiers') {
    return {
      id: table.id,
      name: table.name,
      primaryFieldId: table.primaryFieldId,
      fields: table.fields.map(({ id, name }) => ({ id, name })),
      views: table.views.map(({ id, name, type }) => ({ id, name, type })),
    };
  }
  return { ...table, fields: [...table.fields], views: [...table.views] };
}

/** get_base_schema: a base's tables at three levels of detail. */
export const getBaseSchemaTool = defineTool({
  name: 'get_base_schema',
  title: 'Get base schema',
  description:
    'Returns the tables of a base. detail "tableIds" gives table ids and names only (use it first on big bases), "identifiers" adds field and view ids and names, "full" adds field types, options and descriptions. For one table in full, prefer describe_table.',
  inputSchema: {
    baseId: baseIdInput,
    detail: z
      .enum(['tableIds', 'identifiers', 'full'])
      .default('identifiers')
      .describe('How much to return: "tableIds", "identifiers" (default) or "full".'),
  },
  outputSchema: { baseId: z.string(), tables: z.array(tableOutput) },
  annotations: READ_ONLY,
  async run(scope, { baseId, detail }) {
    checkBaseAllowed(scope, baseId);
    const schema = await scope.airtable.getBaseSchema(baseId);
    const tables = schema.tables.map((table) => atDetail(table, detail));
    return { summary: `${String(tables.length)} table(s) in ${baseId}.`, data: { baseId, tables } };
  },
});

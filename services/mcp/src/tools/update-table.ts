import { z } from 'zod';
import { findTable } from './base-access.ts';
import { defineTool } from './define-tool.ts';
import { RENAMES_SCHEMA, schemaChangesInput } from './schema-inputs.ts';
import { baseIdInput, tableInput } from './shared-schemas.ts';
import { ToolFailure } from './tool-failure.ts';

/** update_table: renames a table or changes its description. */
export const updateTableTool = defineTool({
  name: 'update_table',
  title: 'Update table',
  description:
    'Renames a table and/or changes its description. Formulas and integrations that use the old name may need updating.',
  inputSchema: { baseId: baseIdInput, table: tableInput, ...schemaChangesInput },
  outputSchema: { id: z.string(), name: z.string(), description: z.string().optional() },
  annotations: RENAMES_SCHEMA,
  async run(scope, { baseId, table, name, description }) {
    if (name === undefined && description === undefined) {
      throw new ToolFailure('Give a new name, a new description or both.');
    }
    const schema = await findTable(scope, baseId, table);
    const updated = await scope.airtable.updateTable(baseId, schema.id, {
      ...(name === undefined ? {} : { name }),
      ...(description === undefined ? {} : { description }),
    });
    return {
      summary: `Table ${updated.id} is now "${updated.name}".`,
      data: {
        id: updated.id,
        name: updated.name,
        ...(updated.description === undefined ? {} : { description: updated.description }),
      },
    };
  },
});

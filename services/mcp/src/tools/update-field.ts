import { z } from 'zod';
import { findField, findTable } from './base-access.ts';
import { defineTool } from './define-tool.ts';
import { fieldOutput, RENAMES_SCHEMA, schemaChangesInput } from './schema-inputs.ts';
import { baseIdInput, tableInput } from './shared-schemas.ts';
import { ToolFailure } from './tool-failure.ts';

/** update_field: renames a field or changes its description. */
export const updateFieldTool = defineTool({
  name: 'update_field',
  title: 'Update field',
  description:
    'Renames a field and/or changes its description (its type cannot be changed here). Formulas that use the old name may need updating.',
  inputSchema: {
    baseId: baseIdInput,
    table: tableInput,
    field: z.string().min(1).max(255).describe('The field name or id, e.g. "Amount".'),
    ...schemaChangesInput,
  },
  outputSchema: fieldOutput.partial({ type: true }).shape,
  annotations: RENAMES_SCHEMA,
  async run(scope, { baseId, table, field, name, description }) {
    if (name === undefined && description === undefined) {
      throw new ToolFailure('Give a new name, a new description or both.');
    }
    const schema = await findTable(scope, baseId, table);
    const current = findField(schema, field);
    const updated = await scope.airtable.updateField(baseId, schema.id, current.id, {
      ...(name === undefined ? {} : { name }),
      ...(description === undefined ? {} : { description }),
    });
    return { summary: `Field ${updated.id} is now "${updated.name}".`, data: updated };
  },
});

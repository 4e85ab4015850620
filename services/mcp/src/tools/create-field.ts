import { findTable } from './base-access.ts';
import { defineTool } from './define-tool.ts';
import { asJsonObject } from './json-arguments.ts';
import { ADDS_SCHEMA, fieldOutput, newFieldInput } from './schema-inputs.ts';
import { baseIdInput, tableInput } from './shared-schemas.ts';

/** create_field: adds a field to a table. */
export const createFieldTool = defineTool({
  name: 'create_field',
  title: 'Create field',
  description:
    'Adds a field (column) to a table. Some types need options (e.g. singleSelect choices, number precision). Returns the field with its id.',
  inputSchema: { baseId: baseIdInput, table: tableInput, ...newFieldInput.shape },
  outputSchema: fieldOutput.shape,
  annotations: ADDS_SCHEMA,
  async run(scope, { baseId, table, name, type, description, options }) {
    const schema = await findTable(scope, baseId, table);
    const field = await scope.airtable.createField(baseId, schema.id, {
      name,
      type,
      ...(description === undefined ? {} : { description }),
      ...(options === undefined ? {} : { options: asJsonObject(options) }),
    });
    return {
      summary: `Created field "${field.name}" (${field.id}) in "${schema.name}".`,
      data: field,
    };
  },
});

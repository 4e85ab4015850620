import { z } from 'zod';
import { checkBaseAllowed } from './base-access.ts';
import { defineTool } from './define-tool.ts';
import { asJsonObject } from './json-arguments.ts';
import { ADDS_SCHEMA, fieldOutput, newFieldInput } from './schema-inputs.ts';
import { baseIdInput } from './shared-schemas.ts';

/** create_table: adds a table with its fields to a base. */
export const createTableTool = defineTool({
  name: 'create_table',
  title: 'Create table',
  description:
    'Creates a table in a base. The first field becomes the primary field and must be a text-like type (e.g. singleLineText). Returns the table with its new ids.',
  inputSchema: {
    baseId: baseIdInput,
    name: z.string().min(1).max(255).describe('The table name, e.g. "Renewals".'),
    description: z.string().max(20_000).optional().describe('What the table holds.'),
    fields: z
      .array(newFieldInput)
      .min(1)
      .max(100)
      .describe('Fields, primary first, e.g. [{"name": "Name", "type": "singleLineText"}].'),
  },
  outputSchema: {
    id: z.string(),
    name: z.string(),
    primaryFieldId: z.string(),
    fields: z.array(fieldOutput),
  },
  annotations: ADDS_SCHEMA,
  async run(scope, { baseId, name, description, fields }) {
    checkBaseAllowed(scope, baseId);
    const table = await scope.airtable.createTable(baseId, {
      name,
      ...(description === undefined ? {} : { description }),
      fields: fields.map((field) => ({
        name: field.name,
        type: field.type,
        ...(field.description === undefined ? {} : { description: field.description }),
        ...(field.options === undefined ? {} : { options: asJsonObject(field.options) }),
      })),
    });
    return {
      summary: `Created table "${table.name}" (${table.id}).`,
      data: {
        id: table.id,
        name: table.name,
        primaryFieldId: table.primaryFieldId,
        fields: table.fields,
      },
    };
  },
});

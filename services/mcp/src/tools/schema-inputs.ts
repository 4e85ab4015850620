import { z } from 'zod';
import type { ToolHints } from './define-tool.ts';

// Zod pieces of the schema-changing tools.

/** A field definition as Airtable's metadata API takes it. */
export const newFieldInput = z.object({
  name: z.string().min(1).max(255).describe('The field name, e.g. "Renewal date".'),
  type: z
    .string()
    .min(1)
    .max(64)
    .describe(
      'Airtable field type, e.g. singleLineText, multilineText, number, currency, percent, checkbox, date, singleSelect, multipleSelects, email, url.',
    ),
  description: z.string().max(20_000).optional().describe('What the field holds.'),
  options: z
    .record(z.string(), z.unknown())
    .optional()
    .describe(
      'Type options, e.g. {"precision": 2} for number, {"choices": [{"name": "Open"}]} for singleSelect, {"dateFormat": {"name": "iso"}} for date.',
    ),
});

/** A new name and/or description. */
export const schemaChangesInput = {
  name: z.string().min(1).max(255).optional().describe('The new name.'),
  description: z.string().max(20_000).optional().describe('The new description.'),
};

/** Field output, as the metadata API returns it. */
export const fieldOutput = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  description: z.string().optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});

/** Hints of tools that add to a schema. */
export const ADDS_SCHEMA: ToolHints = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: true,
};

/** Hints of renames and description changes: nothing is lost, and repeating changes nothing. */
export const RENAMES_SCHEMA: ToolHints = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};

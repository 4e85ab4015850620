import { z } from 'zod';

// Zod pieces several tools share, so a base id or a record reads the same in every schema.

/** A base id, checked for shape so a table name passed by mistake fails clearly. */
export const baseIdInput = z
  .string()
  .regex(/^app[A-Za-z0-9]{14}$/, 'a base id looks like app followed by 14 letters or digits')
  .describe('The base id, e.g. "appmHgZ6xqMi4F07F" (list_bases shows the allowed ones).');

/** A table name or id. */
export const tableInput = z
  .string()
  .min(1)
  .max(255)
  .describe('The table name or id, e.g. "Deals" or "tblfpqbBFrVMp6eRI".');

/** A record id. */
export const recordIdInput = z
  .string()
  .regex(/^rec[A-Za-z0-9]{14}$/, 'a record id looks like rec followed by 14 letters or digits')
  .describe('The record id, e.g. "recIYKS7NheFsJ3g0".');

/** Cell values by field name, as Airtable takes them. */
export const fieldValuesInput = z
  .record(z.string().min(1), z.unknown())
  .describe(
    'Cell values by field name, e.g. {"Name": "Acme renewal", "Amount": 12000, "Stage": "Proposal"}. Linked records take a list of record ids.',
  );

/** A record as returned to the model. */
export const recordOutput = z.object({
  id: z.string(),
  createdTime: z.string(),
  fields: z.record(z.string(), z.unknown()),
});

/** The structured filter `buildFilterFormula` takes; validated there in depth. */
export const filterInput = z
  .record(z.string(), z.unknown())
  .describe(
    'A structured filter instead of a formula. A condition is {"field", "op", "value"} with op one of eq, neq, gt, gte, lt, lte, contains, startsWith, isEmpty, isNotEmpty, in, dateBefore, dateAfter; combine with {"and": [...]}, {"or": [...]}, {"not": {...}}. Example: {"and": [{"field": "Stage", "op": "eq", "value": "Closed Won"}, {"field": "Amount", "op": "gt", "value": 10000}]}.',
  );

/** Hints for tools that only read. */
export const READ_ONLY = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
} as const;

import { evaluateFormula, formulaDate, parseFormula } from '../../../src/formula/index.ts';
import type { FormulaContext, FormulaDate, FormulaValue } from '../../../src/formula/index.ts';

/** The clock every test record sees: Friday 15 March 2024, 10:30 UTC. */
export const NOW = new Date('2024-03-15T10:30:00.000Z');

/** A record context whose cells are `fields`; missing fields are blank. */
export function recordContext(fields: Readonly<Record<string, FormulaValue>> = {}): FormulaContext {
  return {
    field: (name) => fields[name] ?? null,
    recordId: 'recA1b2C3d4E5f6G7',
    createdTime: new Date('2024-01-02T03:04:05.000Z'),
    lastModifiedTime: new Date('2024-02-03T04:05:06.000Z'),
    now: NOW,
  };
}

/** Parses and evaluates `source` against a record with `fields`. */
export function run(
  source: string,
  fields: Readonly<Record<string, FormulaValue>> = {},
): FormulaValue {
  return evaluateFormula(parseFormula(source), recordContext(fields));
}

/** A date cell: a day (`2024-01-15`) or a timestamp (`2024-01-15T10:00:00Z`). */
export function date(iso: string): FormulaDate {
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  return formulaDate(Date.parse(dayOnly ? `${iso}T00:00:00.000Z` : iso), !dayOnly);
}

/** An error value with `code`, for toEqual. */
export function error(code: string): FormulaValue {
  return { kind: 'error', code };
}

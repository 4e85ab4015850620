import { isFormulaArray, isFormulaError } from './formula-value.ts';
import type { FormulaDate, FormulaError, FormulaValue } from './formula-value.ts';

const NUMERIC_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * Whether a value counts as true in IF, AND, filterByFormula and friends. Airtable treats 0,
 * false, "", NaN, blank, an empty array and errors as false. An array holding only blanks is
 * also false: a lookup of empty cells reads as empty text.
 */
export function isTruthy(value: FormulaValue): boolean {
  if (value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value !== '';
  if (isFormulaArray(value))
    return flattenValues(value).some((item) => item !== null && item !== '');
  return value.kind === 'date';
}

/**
 * How a value prints as text, for `&`, CONCATENATE, text functions and the string cell format:
 * blank is "", numbers in their shortest form (`3`, not `3.0`), booleans as 1 and 0 (the
 * numbers Airtable uses for them), dates as ISO 8601 (`2024-01-15` for a day without time,
 * `2024-01-15T10:30:00.000Z` otherwise), arrays joined with ", ", errors as their code.
 */
export function formatFormulaValue(value: FormulaValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (isFormulaArray(value)) return flattenValues(value).map(formatFormulaValue).join(', ');
  if (isFormulaError(value)) return value.code;
  return formatDateIso(value);
}

/** A date as ISO 8601 in UTC, day only when it has no time. */
export function formatDateIso(date: FormulaDate): string {
  const iso = new Date(date.epochMs).toISOString();
  return date.hasTime ? iso : iso.slice(0, 10);
}

/**
 * A value as a number for arithmetic: blank and "" are 0, booleans 1 and 0, numeric text its
 * number, arrays through their text (a one-item lookup `[3]` is 3). Anything else is NaN,
 * which the operators turn into the NaN error.
 */
export function toNumber(value: FormulaValue): number {
  if (value === null) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') return parseNumericText(value);
  if (isFormulaArray(value)) return parseNumericText(formatFormulaValue(value));
  return Number.NaN;
}

/** Text that is a plain number (surrounding spaces allowed) as that number, else NaN. */
export function parseNumericText(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  return NUMERIC_TEXT.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** Whether text is a plain number, as `=` and `<` need to know before comparing. */
export function isNumericText(text: string): boolean {
  return NUMERIC_TEXT.test(text.trim());
}

/** Arrays inside arrays spread out, as Airtable does for lookups of lookups. */
export function flattenValues(values: readonly FormulaValue[]): FormulaValue[] {
  const flat: FormulaValue[] = [];
  for (const value of values) {
    if (isFormulaArray(value)) flat.push(...flattenValues(value));
    else flat.push(value);
  }
  return flat;
}

/** A value as a list: arrays as they are (flattened), blank as no items, anything else alone. */
export function toList(value: FormulaValue): FormulaValue[] {
  if (value === null) return [];
  return isFormulaArray(value) ? flattenValues(value) : [value];
}

/** The first error among values, looking inside arrays, so aggregates propagate it. */
export function firstError(values: readonly FormulaValue[]): FormulaError | undefined {
  for (const value of values) {
    if (isFormulaError(value)) return value;
    if (isFormulaArray(value)) {
      const nested = firstError(value);
      if (nested !== undefined) return nested;
    }
  }
  return undefined;
}

/** Whether a value is blank in the sense of BLANK(): null, "" or an empty array. */
export function isBlank(value: FormulaValue): boolean {
  if (value === null || value === '') return true;
  return isFormulaArray(value) && value.length === 0;
}

/**
 * A point in time as a formula sees it. `hasTime` is false for values that are only a day (a
 * date field without time, `TODAY()`): they print as `YYYY-MM-DD` instead of a full ISO
 * timestamp. `timeZone` is set by `SET_TIMEZONE` and changes how the date prints and splits
 * into parts; without it the formula engine works in UTC.
 */
export interface FormulaDate {
  readonly kind: 'date';
  readonly epochMs: number;
  readonly hasTime: boolean;
  readonly timeZone?: string;
}

/**
 * An error value. Airtable shows errors in the cell instead of failing the formula: `#ERROR!`
 * for ERROR() and bad arguments, `NaN`, `Infinity` and `-Infinity` for arithmetic that has no
 * finite answer (Airtable's own docs call a division by zero "the Infinity error"). ISERROR
 * sees all of them.
 */
export interface FormulaError {
  readonly kind: 'error';
  readonly code: string;
}

/**
 * Every value a formula handles: blank (`null`), numbers, text, booleans, dates, arrays (lookups,
 * multiple selects, links) and errors.
 */
export type FormulaValue =
  null | number | string | boolean | FormulaDate | readonly FormulaValue[] | FormulaError;

/**
 * The longest text a formula may build. Far above any real cell (Airtable's long text stops at
 * 100,000 characters), low enough that a hostile filter cannot make the emulator allocate
 * gigabytes through nested REPT, SUBSTITUTE or `&`.
 */
export const MAX_TEXT_LENGTH = 1_000_000;

/** The generic error, the one ERROR() returns. */
export const GENERIC_ERROR_CODE = '#ERROR!';

/** Builds an error value with the given code (`#ERROR!` unless told). */
export function formulaError(code: string = GENERIC_ERROR_CODE): FormulaError {
  return { kind: 'error', code };
}

/** Builds a date value. */
export function formulaDate(epochMs: number, hasTime: boolean, timeZone?: string): FormulaDate {
  return timeZone === undefined
    ? { kind: 'date', epochMs, hasTime }
    : { kind: 'date', epochMs, hasTime, timeZone };
}

/** Whether a value is an error. */
export function isFormulaError(value: FormulaValue): value is FormulaError {
  return isTagged(value) && value.kind === 'error';
}

/** Whether a value is a date. */
export function isFormulaDate(value: FormulaValue): value is FormulaDate {
  return isTagged(value) && value.kind === 'date';
}

/** Whether a value is an array (a lookup, multiple select or link). */
export function isFormulaArray(value: FormulaValue): value is readonly FormulaValue[] {
  return Array.isArray(value);
}

function isTagged(value: FormulaValue): value is FormulaDate | FormulaError {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns the result of arithmetic into a value: JavaScript's NaN and infinities become the error
 * values Airtable shows for them, so they propagate and ISERROR catches them.
 */
export function numberResult(value: number): number | FormulaError {
  if (Number.isNaN(value)) return formulaError('NaN');
  if (value === Infinity) return formulaError('Infinity');
  if (value === -Infinity) return formulaError('-Infinity');
  // Math.round(-0.4) and friends give -0, which would print as "0" anyway but compares oddly.
  return value === 0 ? 0 : value;
}

/** Text built by a formula, or the generic error when it is longer than MAX_TEXT_LENGTH. */
export function textResult(text: string): string | FormulaError {
  return text.length > MAX_TEXT_LENGTH ? formulaError() : text;
}

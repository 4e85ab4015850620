import { formatDateIso, formatFormulaValue, isNumericText, parseNumericText } from './coercion.ts';
import { parseDateText } from './dates/date-parse.ts';
import { isFormulaArray, isFormulaDate } from './formula-value.ts';
import type { FormulaDate, FormulaValue } from './formula-value.ts';

/** The comparison operators. */
export type ComparisonOperator = '=' | '!=' | '<' | '>' | '<=' | '>=';

// What is left to compare once arrays became text and booleans numbers.
type Scalar = null | number | string | FormulaDate;

/**
 * Compares two values the way Airtable's operators do. Callers handle errors first.
 *
 * - Blank equals blank, "" and 0 (so `{Field} = BLANK()` holds for empty cells and `{Count} =
 *   0` for empty counts); in `<` and friends blank acts as 0 or "" next to a number or text.
 * - Text compares to text case-sensitively; numeric text compares to numbers as a number.
 * - Dates compare by instant, with text that reads as a date (`"2024-01-15"`) coerced.
 * - Arrays compare through their text (`["a", "b"]` is `"a, b"`), booleans as 1 and 0.
 * - Pairs with no common ground (a date and blank) are neither equal nor ordered.
 */
export function compareValues(
  operator: ComparisonOperator,
  left: FormulaValue,
  right: FormulaValue,
): boolean {
  const a = toScalar(left);
  const b = toScalar(right);
  if (operator === '=') return areEqual(a, b);
  if (operator === '!=') return !areEqual(a, b);
  const order = orderOf(a, b);
  if (order === undefined) return false;
  switch (operator) {
    case '<':
      return order < 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    default:
      return order >= 0;
  }
}

/** Equality as `=` sees it, for SWITCH patterns. */
export function formulaEquals(left: FormulaValue, right: FormulaValue): boolean {
  return areEqual(toScalar(left), toScalar(right));
}

function toScalar(value: FormulaValue): Scalar {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (isFormulaArray(value)) return formatFormulaValue(value);
  if (value === null || typeof value === 'number' || typeof value === 'string') return value;
  return isFormulaDate(value) ? value : formatFormulaValue(value);
}

function areEqual(a: Scalar, b: Scalar): boolean {
  if (a === null || b === null) {
    const other = a ?? b;
    return other === null || other === '' || other === 0;
  }
  if (isFormulaDate(a) || isFormulaDate(b)) return datesEqual(a, b);
  if (typeof a === 'number' && typeof b === 'string') return numberEqualsText(a, b);
  if (typeof a === 'string' && typeof b === 'number') return numberEqualsText(b, a);
  return a === b;
}

function datesEqual(a: NonNullable<Scalar>, b: NonNullable<Scalar>): boolean {
  const left = instantOf(a);
  const right = instantOf(b);
  if (left !== undefined && right !== undefined) return left === right;
  return textOf(a) === textOf(b);
}

function numberEqualsText(number: number, text: string): boolean {
  return isNumericText(text) ? parseNumericText(text) === number : String(number) === text;
}

function orderOf(a: Scalar, b: Scalar): number | undefined {
  if (a === null && b === null) return 0;
  if (a === null) return flip(orderOf(b, a));
  if (b === null) {
    if (typeof a === 'number') return Math.sign(a);
    return typeof a === 'string' ? (a === '' ? 0 : 1) : undefined;
  }
  if (isFormulaDate(a) || isFormulaDate(b)) {
    const left = instantOf(a);
    const right = instantOf(b);
    return left === undefined || right === undefined ? undefined : Math.sign(left - right);
  }
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (typeof a === 'number' && typeof b === 'string' && isNumericText(b)) {
    return Math.sign(a - parseNumericText(b));
  }
  if (typeof a === 'string' && typeof b === 'number' && isNumericText(a)) {
    return Math.sign(parseNumericText(a) - b);
  }
  const left = textOf(a);
  const right = textOf(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

function flip(order: number | undefined): number | undefined {
  return order === undefined ? undefined : -order;
}

// The instant behind a date, date text or a number of milliseconds.
function instantOf(value: NonNullable<Scalar>): number | undefined {
  if (isFormulaDate(value)) return value.epochMs;
  if (typeof value === 'number') return value;
  return parseDateText(value)?.epochMs;
}

function textOf(value: NonNullable<Scalar>): string {
  if (isFormulaDate(value)) return formatDateIso(value);
  return typeof value === 'number' ? String(value) : value;
}

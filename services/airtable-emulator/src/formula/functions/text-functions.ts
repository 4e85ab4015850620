import { formatFormulaValue, toNumber } from '../coercion.ts';
import { MAX_TEXT_LENGTH, formulaError, numberResult, textResult } from '../formula-value.ts';
import type { FormulaValue } from '../formula-value.ts';
import { argument, eager } from './function-definition.ts';
import type { FunctionTable } from './function-definition.ts';

/**
 * FIND, SEARCH, LOWER, UPPER, LEN, TRIM, SUBSTITUTE, REPLACE, CONCATENATE, LEFT, RIGHT, MID,
 * VALUE, REPT, T and ENCODE_URL_COMPONENT. Every argument is read as text (arrays joined with
 * ", "), so `LEN({Tags})` counts the characters of "a, b".
 */
export const textFunctions: FunctionTable = {
  FIND: eager(2, 3, (args) => findPosition(args) ?? 0),
  // Same search as FIND (Airtable documents no difference in case handling, only in the
  // result when nothing is found: FIND gives 0, SEARCH a blank).
  SEARCH: eager(2, 3, (args) => findPosition(args) ?? null),
  LOWER: eager(1, 1, (args) => text(args, 0).toLowerCase()),
  UPPER: eager(1, 1, (args) => text(args, 0).toUpperCase()),
  LEN: eager(1, 1, (args) => text(args, 0).length),
  TRIM: eager(1, 1, (args) => text(args, 0).trim()),
  SUBSTITUTE: eager(3, 4, (args) => substitute(args)),
  REPLACE: eager(4, 4, (args) => {
    const start = whole(args, 1);
    const count = whole(args, 2);
    if (start < 1 || count < 0) return formulaError();
    const source = text(args, 0);
    return textResult(source.slice(0, start - 1) + text(args, 3) + source.slice(start - 1 + count));
  }),
  CONCATENATE: eager(1, Infinity, (args) => textResult(args.map(formatFormulaValue).join(''))),
  LEFT: eager(2, 2, (args) => {
    const count = whole(args, 1);
    return count < 0 ? formulaError() : text(args, 0).slice(0, count);
  }),
  RIGHT: eager(2, 2, (args) => {
    const count = whole(args, 1);
    if (count < 0) return formulaError();
    const source = text(args, 0);
    return source.slice(Math.max(0, source.length - count));
  }),
  MID: eager(3, 3, (args) => {
    const start = whole(args, 1);
    const count = whole(args, 2);
    if (start < 1 || count < 0) return formulaError();
    return text(args, 0).slice(start - 1, start - 1 + count);
  }),
  VALUE: eager(1, 1, (args) => value(argument(args, 0))),
  REPT: eager(2, 2, (args) => {
    const source = text(args, 0);
    const times = whole(args, 1);
    if (times < 0 || source.length * times > MAX_TEXT_LENGTH) return formulaError();
    return source.repeat(times);
  }),
  T: eager(1, 1, (args) => {
    const input = argument(args, 0);
    return typeof input === 'string' ? input : null;
  }),
  ENCODE_URL_COMPONENT: eager(1, 1, (args) => encodeURIComponent(text(args, 0))),
};

function text(args: readonly FormulaValue[], index: number): string {
  return formatFormulaValue(argument(args, index));
}

// Counts and positions: numbers truncated toward zero, NaN as -1 so callers reject it.
function whole(args: readonly FormulaValue[], index: number): number {
  const number = toNumber(argument(args, index));
  return Number.isFinite(number) ? Math.trunc(number) : -1;
}

// 1-based position of the needle or undefined. Airtable documents the start as "0 by default",
// which is JavaScript's indexOf start: a 0-based offset into the text.
function findPosition(args: readonly FormulaValue[]): number | undefined {
  const needle = text(args, 0);
  const haystack = text(args, 1);
  const start = args.length > 2 ? Math.max(0, whole(args, 2)) : 0;
  const index = haystack.indexOf(needle, start);
  return index < 0 ? undefined : index + 1;
}

// SUBSTITUTE(text, old, new, [index]): every occurrence, or only the index-th (1-based).
function substitute(args: readonly FormulaValue[]): FormulaValue {
  const source = text(args, 0);
  const search = text(args, 1);
  const replacement = text(args, 2);
  if (search === '') return source;
  if (args.length < 4) {
    const pieces = source.split(search);
    // Checked before joining: the joined text is what could be too large to build.
    const length = source.length + (pieces.length - 1) * (replacement.length - search.length);
    return length > MAX_TEXT_LENGTH ? formulaError() : pieces.join(replacement);
  }
  const occurrence = whole(args, 3);
  if (occurrence < 1) return formulaError();
  let index = -1;
  for (let seen = 0; seen < occurrence; seen += 1) {
    index = source.indexOf(search, index + 1);
    if (index < 0) return source;
  }
  return textResult(source.slice(0, index) + replacement + source.slice(index + search.length));
}

// VALUE reads the number out of formatted text: Airtable drops currency symbols, thousands
// separators and other non-numeric characters (people run it on record ids), and reads a
// trailing % as a percentage.
function value(input: FormulaValue): FormulaValue {
  if (typeof input === 'number') return input;
  const source = formatFormulaValue(input).trim();
  if (source === '') return null;
  const negative = /^[^\d.]*-/.test(source);
  const digits = source.replace(/[^\d.]/g, '');
  if (!/\d/.test(digits)) return formulaError('NaN');
  const magnitude = Number(digits);
  const scaled = source.endsWith('%') ? magnitude / 100 : magnitude;
  return numberResult(negative ? -scaled : scaled);
}

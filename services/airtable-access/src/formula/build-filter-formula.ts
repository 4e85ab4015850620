import { airtableErrors } from '../errors/airtable-errors.ts';
import {
  containsText,
  dateLiteral,
  fieldReference,
  numberLiteral,
  valueLiteral,
} from './formula-literals.ts';

/** A value a condition compares with. */
export type FilterValue = string | number | boolean;

/** One condition on one field. */
export type FieldCondition =
  | { readonly field: string; readonly op: 'eq' | 'neq'; readonly value: FilterValue }
  | { readonly field: string; readonly op: 'gt' | 'gte' | 'lt' | 'lte'; readonly value: number }
  /** Case-insensitive, on the field's text (lists of values are joined). */
  | { readonly field: string; readonly op: 'contains' | 'startsWith'; readonly value: string }
  | { readonly field: string; readonly op: 'isEmpty' | 'isNotEmpty' }
  /** Equal to any of the values. */
  | { readonly field: string; readonly op: 'in'; readonly value: readonly FilterValue[] }
  /** ISO 8601 date or date-time, or a Date. */
  | {
      readonly field: string;
      readonly op: 'dateBefore' | 'dateAfter';
      readonly value: string | Date;
    };

/** A structured filter: conditions combined with and, or and not. */
export type RecordFilter =
  | FieldCondition
  | { readonly and: readonly RecordFilter[] }
  | { readonly or: readonly RecordFilter[] }
  | { readonly not: RecordFilter };

/** The operators of {@link FieldCondition}. */
export const FILTER_OPERATORS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'startsWith',
  'isEmpty',
  'isNotEmpty',
  'in',
  'dateBefore',
  'dateAfter',
] as const;

// Filters come from LLM tool calls: bounded, so a hostile one cannot build a huge formula.
const MAX_DEPTH = 10;
const MAX_CONDITIONS = 100;

const COMPARISONS = { eq: '=', neq: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function invalid(problem: string): Error {
  return airtableErrors.AIRTABLE_INVALID_ARGUMENT({ problem: `invalid filter: ${problem}` });
}

/**
 * Turns a structured filter into a `filterByFormula` formula, e.g.
 * `{ and: [{ field: 'Stage', op: 'eq', value: 'Closed Won' }, { field: 'Amount', op: 'gt',
 * value: 10000 }] }` → `AND({Stage} = "Closed Won", {Amount} > 10000)`.
 *
 * Values and field names only enter the formula escaped (see formula-literals), so no input
 * can add a function call or end a literal early. The filter is checked at run time too, as
 * it usually arrives as JSON: an unknown operator or a value of the wrong type is refused
 * with AIRTABLE_INVALID_ARGUMENT instead of producing a formula that means something else.
 */
export function buildFilterFormula(filter: RecordFilter): string {
  let conditions = 0;

  function build(node: unknown, depth: number): string {
    if (depth > MAX_DEPTH) throw invalid(`nested deeper than ${MAX_DEPTH} levels`);
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      throw invalid('each filter must be an object');
    }
    const keys = Object.keys(node);
    const value = (node as Record<string, unknown>)[keys[0] ?? ''];
    if (keys.length === 1 && (keys[0] === 'and' || keys[0] === 'or')) {
      if (!Array.isArray(value)) throw invalid(`"${keys[0]}" takes a list of filters`);
      if (value.length === 0) return keys[0] === 'and' ? 'TRUE()' : 'FALSE()';
      const parts = value.map((child: unknown) => build(child, depth + 1));
      return `${keys[0].toUpperCase()}(${parts.join(', ')})`;
    }
    if (keys.length === 1 && keys[0] === 'not') return `NOT(${build(value, depth + 1)})`;
    conditions += 1;
    if (conditions > MAX_CONDITIONS) throw invalid(`more than ${MAX_CONDITIONS} conditions`);
    return condition(node as Record<string, unknown>);
  }

  return build(filter, 1);
}

function condition(node: Record<string, unknown>): string {
  const { field, op, value } = node;
  if (typeof field !== 'string') throw invalid('a condition needs a "field" name');
  if (typeof op !== 'string' || !(FILTER_OPERATORS as readonly string[]).includes(op)) {
    throw invalid(
      `unknown operator ${JSON.stringify(op)} (use one of ${FILTER_OPERATORS.join(', ')})`,
    );
  }
  const ref = fieldReference(field);
  switch (op) {
    case 'eq':
    case 'neq':
      return `${ref} ${COMPARISONS[op]} ${valueLiteral(scalar(op, value))}`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (typeof value !== 'number') throw invalid(`"${op}" compares with a number`);
      return `${ref} ${COMPARISONS[op]} ${numberLiteral(value)}`;
    case 'contains':
      return `${containsText(field, text(op, value))} > 0`;
    case 'startsWith':
      return `${containsText(field, text(op, value))} = 1`;
    case 'isEmpty':
      // Text length, not `= BLANK()`: a number 0 or unchecked box would equal BLANK() too.
      return `LEN(${ref}&"") = 0`;
    case 'isNotEmpty':
      return `LEN(${ref}&"") > 0`;
    case 'in': {
      if (!Array.isArray(value)) throw invalid('"in" takes a list of values');
      if (value.length === 0) return 'FALSE()';
      const options = value.map((item: unknown) => `${ref} = ${valueLiteral(scalar(op, item))}`);
      return `OR(${options.join(', ')})`;
    }
    case 'dateBefore':
      return `IS_BEFORE(${ref}, ${dateLiteral(date(op, value))})`;
    default:
      return `IS_AFTER(${ref}, ${dateLiteral(date(op, value))})`;
  }
}

function scalar(op: string, value: unknown): FilterValue {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  throw invalid(`"${op}" compares with a string, number or boolean`);
}

function text(op: string, value: unknown): string {
  if (typeof value !== 'string') throw invalid(`"${op}" takes a string`);
  return value;
}

function date(op: string, value: unknown): string | Date {
  if (typeof value === 'string' || value instanceof Date) return value;
  throw invalid(`"${op}" takes an ISO 8601 date`);
}

/**
 * A case-insensitive text search over several fields: records where any of `fieldNames`
 * contains `text`. An empty text matches every record.
 */
export function searchFormula(text: string, fieldNames: readonly string[]): string {
  if (fieldNames.length === 0) throw invalid('search needs at least one field');
  if (typeof text !== 'string') throw invalid('search text must be a string');
  if (text === '') return 'TRUE()';
  const tests = fieldNames.map((field) => `${containsText(field, text)} > 0`);
  return tests.length === 1 ? (tests[0] ?? 'TRUE()') : `OR(${tests.join(', ')})`;
}

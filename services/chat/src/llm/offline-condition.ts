import { unquote } from './offline-question.ts';
import { choicesOf, findSchemaField, loose } from './offline-schema.ts';
import type { SchemaField, SchemaTable } from './offline-schema.ts';

/** One condition in the structured filter the record tools take. */
export interface FieldFilter {
  readonly field: string;
  readonly op: 'eq' | 'gt' | 'gte' | 'lt' | 'lte';
  readonly value: string | number | boolean;
}

/** A condition understood (with words for the answer), or why it was not. */
export type ConditionMatch =
  | { readonly kind: 'filter'; readonly filter: FieldFilter; readonly description: string }
  | { readonly kind: 'problem'; readonly text: string };

const NUMERIC_TYPES = new Set([
  'number',
  'currency',
  'percent',
  'rating',
  'duration',
  'autoNumber',
  'count',
]);
const COMPARISON =
  /^(?<field>.+?)\s*(?<op>>=|<=|>|<|=|at least|at most|over|above|more than|greater than|under|below|less than|fewer than)\s*\$?(?<value>-?[\d,]*\.?\d+)\s*%?$/i;
const OPERATORS: Readonly<Record<string, FieldFilter['op']>> = {
  '>=': 'gte',
  'at least': 'gte',
  '<=': 'lte',
  'at most': 'lte',
  '>': 'gt',
  over: 'gt',
  above: 'gt',
  'more than': 'gt',
  'greater than': 'gt',
  '<': 'lt',
  under: 'lt',
  below: 'lt',
  'less than': 'lt',
  'fewer than': 'lt',
  '=': 'eq',
};
const SYMBOLS: Readonly<Record<FieldFilter['op'], string>> = {
  eq: '=',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
};
const CONNECTOR = /^(?:is|are|equals|equal\s+to|is\s+equal\s+to|=|:|of)\s+/i;
const TRUE_WORDS = new Set(['yes', 'true', 'checked', 'ticked', 'set', 'on']);
const FALSE_WORDS = new Set(['no', 'false', 'unchecked', 'unticked', 'unset', 'off', 'not']);

/**
 * A condition from a question, matched against the table's real schema: "Stage is Closed Won",
 * "Amount over 50000", "VIP", or a bare value found among the select choices ("won" → Stage
 * = "Closed Won"). Ambiguous or unknown values get a problem that says what is valid, not a
 * guess.
 */
export function resolveCondition(table: SchemaTable, condition: string): ConditionMatch {
  const text = unquote(
    condition
      .trim()
      .replace(/^(?:where|with|whose|that\s+are|which\s+are|that\s+have|are|is|in|at|of)\s+/i, '')
      .replace(/^the\s+/i, ''),
  );
  const comparison = COMPARISON.exec(text)?.groups;
  if (comparison?.['field'] !== undefined && comparison['op'] !== undefined) {
    const field = findSchemaField(table, comparison['field']);
    const op = OPERATORS[comparison['op'].toLowerCase()];
    const value = Number((comparison['value'] ?? '').replace(/,/g, ''));
    if (field !== undefined && op !== undefined && Number.isFinite(value)) {
      return filter(
        { field: field.name, op, value },
        `${field.name} ${SYMBOLS[op]} ${formatNumber(value)}`,
      );
    }
  }
  const named = fieldAndValue(table, text);
  if (named !== undefined) return valueFor(named.field, named.value);
  return bareValue(table, text);
}

// "Stage is Closed Won", "Stage Closed Won", "Closed Won stage".
function fieldAndValue(
  table: SchemaTable,
  text: string,
): { field: SchemaField; value: string } | undefined {
  const words = text.split(/\s+/);
  for (let length = words.length - 1; length > 0; length -= 1) {
    const first = findSchemaField(table, words.slice(0, length).join(' '));
    if (first !== undefined) {
      return { field: first, value: unquote(words.slice(length).join(' ').replace(CONNECTOR, '')) };
    }
    const last = findSchemaField(table, words.slice(words.length - length).join(' '));
    if (last !== undefined) {
      return { field: last, value: unquote(words.slice(0, words.length - length).join(' ')) };
    }
  }
  return undefined;
}

function valueFor(field: SchemaField, value: string): ConditionMatch {
  if (field.type === 'singleSelect') {
    const choices = choicesOf(field);
    const matches = matchingChoices(choices, value);
    const [choice] = matches;
    if (matches.length === 1 && choice !== undefined) return equals(field.name, choice);
    return {
      kind: 'problem',
      text: `${field.name} has no single choice matching "${value}". Its choices: ${choices.join(', ')}.`,
    };
  }
  if (field.type === 'checkbox') {
    const word = value.toLowerCase();
    if (TRUE_WORDS.has(word)) return checkbox(field.name, true);
    if (FALSE_WORDS.has(word)) return checkbox(field.name, false);
  }
  if (field.type !== undefined && NUMERIC_TYPES.has(field.type)) {
    const number = Number(value.replace(/[$,%\s]/g, ''));
    if (value !== '' && Number.isFinite(number)) {
      const scaled = field.type === 'percent' && value.includes('%') ? number / 100 : number;
      return filter(
        { field: field.name, op: 'eq', value: scaled },
        `${field.name} = ${formatNumber(scaled)}`,
      );
    }
    return { kind: 'problem', text: `${field.name} holds numbers, and "${value}" is not one.` };
  }
  return equals(field.name, value);
}

function bareValue(table: SchemaTable, text: string): ConditionMatch {
  const checkboxField = table.fields.find(
    (field) => field.type === 'checkbox' && loose(field.name) === loose(text),
  );
  if (checkboxField !== undefined) return checkbox(checkboxField.name, true);
  const selects = table.fields.filter((field) => field.type === 'singleSelect');
  const exact = selects.flatMap((field) =>
    choicesOf(field)
      .filter((choice) => loose(choice) === loose(text))
      .map((choice) => ({ field, choice })),
  );
  const found =
    exact.length > 0
      ? exact
      : selects.flatMap((field) =>
          matchingChoices(choicesOf(field), text).map((choice) => ({ field, choice })),
        );
  const [only] = found;
  if (found.length === 1 && only !== undefined) return equals(only.field.name, only.choice);
  if (found.length > 1) {
    const options = found.map(({ field, choice }) => `${field.name} "${choice}"`).join(', ');
    return { kind: 'problem', text: `"${text}" could mean ${options}; say which.` };
  }
  const known = selects.map((field) => `${field.name} (${choicesOf(field).join(', ')})`).join('; ');
  const hint = known === '' ? '' : ` Values I can filter ${table.name} on: ${known}.`;
  return {
    kind: 'problem',
    text: `I could not tell what "${text}" means for ${table.name}.${hint}`,
  };
}

// Exact (loosely) first; else the choices holding every word of the value ("won" → "Closed Won").
function matchingChoices(choices: readonly string[], value: string): string[] {
  const wanted = loose(value);
  const exact = choices.filter((choice) => loose(choice) === wanted);
  if (exact.length > 0) return exact;
  const words = wanted.split(' ');
  return choices.filter((choice) => {
    const choiceWords = loose(choice).split(' ');
    return words.every((word) => choiceWords.includes(word));
  });
}

function equals(field: string, value: string): ConditionMatch {
  return filter({ field, op: 'eq', value }, `${field} is "${value}"`);
}

function checkbox(field: string, value: boolean): ConditionMatch {
  return filter({ field, op: 'eq', value }, `${field} is ${value ? 'checked' : 'not checked'}`);
}

function filter(fieldFilter: FieldFilter, description: string): ConditionMatch {
  return { kind: 'filter', filter: fieldFilter, description };
}

/** A number as people read it: 2,002,400. */
export function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

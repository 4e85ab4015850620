import { firstError, flattenValues, isBlank, parseNumericText } from '../coercion.ts';
import { formulaDate, isFormulaDate, numberResult } from '../formula-value.ts';
import type { FormulaValue } from '../formula-value.ts';
import { eager } from './function-definition.ts';
import type { FunctionTable } from './function-definition.ts';

/**
 * SUM, AVERAGE, MAX, MIN, COUNT, COUNTA and COUNTALL. Arguments may be arrays (rollups run
 * `SUM(values)` over the linked records' values); they are spread out, and an error anywhere
 * in them is the result. The numeric ones use numbers, booleans (a rollup of checkboxes sums
 * the checked ones) and numeric text, and skip blanks and other text.
 */
export const aggregateFunctions: FunctionTable = {
  SUM: eager(1, Infinity, (args) => withItems(args, (items) => numberResult(sum(numbers(items))))),
  // No numbers at all is 0/0, which Airtable shows as NaN.
  AVERAGE: eager(1, Infinity, (args) =>
    withItems(args, (items) => {
      const values = numbers(items);
      return numberResult(sum(values) / values.length);
    }),
  ),
  MAX: eager(1, Infinity, (args) => withItems(args, (items) => extreme(items, 1))),
  MIN: eager(1, Infinity, (args) => withItems(args, (items) => extreme(items, -1))),
  COUNT: eager(1, Infinity, (args) =>
    withItems(args, (items) => items.filter((item) => typeof item === 'number').length),
  ),
  COUNTA: eager(1, Infinity, (args) =>
    withItems(args, (items) => items.filter((item) => !isBlank(item)).length),
  ),
  COUNTALL: eager(1, Infinity, (args) => withItems(args, (items) => items.length)),
};

function withItems(
  args: readonly FormulaValue[],
  compute: (items: FormulaValue[]) => FormulaValue,
): FormulaValue {
  return firstError(args) ?? compute(flattenValues(args));
}

function numbers(items: readonly FormulaValue[]): number[] {
  const values: number[] = [];
  for (const item of items) {
    if (typeof item === 'number') values.push(item);
    else if (typeof item === 'boolean') values.push(item ? 1 : 0);
    else if (typeof item === 'string' && item.trim() !== '') {
      const parsed = parseNumericText(item);
      if (!Number.isNaN(parsed)) values.push(parsed);
    }
  }
  return values;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

// MAX and MIN of dates (a rollup of a date field) give a date; of nothing, 0.
function extreme(items: readonly FormulaValue[], direction: 1 | -1): FormulaValue {
  const present = items.filter((item) => !isBlank(item));
  if (present.length > 0 && present.every(isFormulaDate)) {
    const best = present.reduce((kept, date) =>
      (date.epochMs - kept.epochMs) * direction > 0 ? date : kept,
    );
    return formulaDate(best.epochMs, best.hasTime, best.timeZone);
  }
  const values = numbers(items);
  if (values.length === 0) return 0;
  return direction === 1 ? Math.max(...values) : Math.min(...values);
}

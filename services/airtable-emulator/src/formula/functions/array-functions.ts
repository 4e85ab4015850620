import { formatFormulaValue, toList } from '../coercion.ts';
import { isFormulaDate } from '../formula-value.ts';
import type { FormulaValue } from '../formula-value.ts';
import { argument, eager } from './function-definition.ts';
import type { FunctionTable } from './function-definition.ts';

/**
 * ARRAYJOIN, ARRAYUNIQUE, ARRAYCOMPACT and ARRAYFLATTEN, for lookups, rollups and multiple
 * selects. A single value is taken as a one-item array and blank as an empty one.
 */
export const arrayFunctions: FunctionTable = {
  ARRAYJOIN: eager(1, 2, (args) => {
    const separator = args.length > 1 ? formatFormulaValue(argument(args, 1)) : ', ';
    return toList(argument(args, 0)).map(formatFormulaValue).join(separator);
  }),
  ARRAYUNIQUE: eager(1, 1, (args) => {
    const seen = new Set<string>();
    return toList(argument(args, 0)).filter((item) => {
      const key = identity(item);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }),
  // Airtable's docs: removes empty strings and blanks, keeps false and whitespace-only text.
  ARRAYCOMPACT: eager(1, 1, (args) =>
    toList(argument(args, 0)).filter((item) => item !== null && item !== ''),
  ),
  ARRAYFLATTEN: eager(1, 1, (args) => toList(argument(args, 0))),
};

// Type and text together, so 1 and "1" stay apart and equal dates merge.
function identity(item: FormulaValue): string {
  const type = item === null ? 'blank' : isFormulaDate(item) ? 'date' : typeof item;
  return `${type}:${formatFormulaValue(item)}`;
}

import { aggregateFunctions } from './functions/aggregate-functions.ts';
import { arrayFunctions } from './functions/array-functions.ts';
import { dateFunctions } from './functions/date-functions.ts';
import type { FormulaFunction, FunctionTable } from './functions/function-definition.ts';
import { logicalFunctions } from './functions/logical-functions.ts';
import { numericFunctions } from './functions/numeric-functions.ts';
import { recordFunctions } from './functions/record-functions.ts';
import { regexFunctions } from './functions/regex-functions.ts';
import { textFunctions } from './functions/text-functions.ts';

const FUNCTIONS: FunctionTable = {
  ...logicalFunctions,
  ...textFunctions,
  ...regexFunctions,
  ...numericFunctions,
  ...aggregateFunctions,
  ...arrayFunctions,
  ...dateFunctions,
  ...recordFunctions,
};

/**
 * The function called `name` (any case), or undefined when the formula language has none.
 * The parser uses it to reject unknown functions and wrong argument counts up front, as
 * Airtable rejects such formulas when they are saved or sent.
 */
export function lookupFunction(name: string): FormulaFunction | undefined {
  const upper = name.toUpperCase();
  return Object.hasOwn(FUNCTIONS, upper) ? FUNCTIONS[upper] : undefined;
}

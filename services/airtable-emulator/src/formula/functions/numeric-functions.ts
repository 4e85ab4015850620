import { toNumber } from '../coercion.ts';
import { formulaError, numberResult } from '../formula-value.ts';
import type { FormulaValue } from '../formula-value.ts';
import { argument, eager } from './function-definition.ts';
import type { FunctionTable } from './function-definition.ts';

/**
 * ROUND, ROUNDUP, ROUNDDOWN, ABS, INT, MOD, CEILING, FLOOR, POWER and SQRT. Arguments are read
 * as numbers (blank is 0, numeric text its number); one that is not a number makes the result
 * the NaN error, as do results with no finite value (MOD by 0, SQRT of -1).
 */
export const numericFunctions: FunctionTable = {
  // Airtable's docs: ties are broken "half up toward positive infinity", so -2.5 rounds to -2.
  ROUND: eager(1, 2, (args) => rounded(args, Math.round)),
  // ROUNDUP and ROUNDDOWN follow the spreadsheet convention: away from and toward zero.
  ROUNDUP: eager(1, 2, (args) =>
    rounded(args, (value) => Math.sign(value) * Math.ceil(Math.abs(value))),
  ),
  ROUNDDOWN: eager(1, 2, (args) => rounded(args, Math.trunc)),
  ABS: eager(1, 1, (args) => numberResult(Math.abs(number(args, 0)))),
  INT: eager(1, 1, (args) => numberResult(Math.floor(number(args, 0)))),
  // JavaScript's remainder: the result takes the sign of the dividend (MOD(-7, 3) is -1).
  MOD: eager(2, 2, (args) => numberResult(number(args, 0) % number(args, 1))),
  CEILING: eager(1, 2, (args) => toMultiple(args, Math.ceil)),
  FLOOR: eager(1, 2, (args) => toMultiple(args, Math.floor)),
  POWER: eager(2, 2, (args) => numberResult(number(args, 0) ** number(args, 1))),
  SQRT: eager(1, 1, (args) => numberResult(Math.sqrt(number(args, 0)))),
};

function number(args: readonly FormulaValue[], index: number): number {
  return toNumber(argument(args, index));
}

// Rounds at `precision` decimal places (negative rounds to tens, hundreds...). Shifting the
// decimal point through the exponent, not by multiplying, keeps 1.005 at two places 1.01.
function rounded(args: readonly FormulaValue[], round: (value: number) => number): FormulaValue {
  const value = number(args, 0);
  const precision = args.length > 1 ? Math.trunc(number(args, 1)) : 0;
  if (!Number.isFinite(value) || !Number.isFinite(precision)) return numberResult(Number.NaN);
  return numberResult(shiftDecimal(round(shiftDecimal(value, precision)), -precision));
}

function shiftDecimal(value: number, places: number): number {
  const [mantissa = '0', exponent = '0'] = String(value).split('e');
  return Number(`${mantissa}e${Number(exponent) + places}`);
}

// CEILING and FLOOR: the nearest multiple of `significance` (default 1) in one direction.
function toMultiple(args: readonly FormulaValue[], round: (value: number) => number): FormulaValue {
  const significance = args.length > 1 ? number(args, 1) : 1;
  if (significance === 0) return 0;
  const value = number(args, 0);
  if (Number.isNaN(value) || Number.isNaN(significance)) return formulaError('NaN');
  const multiples = round(value / Math.abs(significance));
  // 15 significant digits drop the binary noise of the multiplication (3 * 0.1).
  return numberResult(Number((multiples * Math.abs(significance)).toPrecision(15)));
}

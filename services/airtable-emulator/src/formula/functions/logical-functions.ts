import { firstError, isTruthy } from '../coercion.ts';
import { formulaEquals } from '../comparison.ts';
import { formulaError, isFormulaError } from '../formula-value.ts';
import type { FormulaValue } from '../formula-value.ts';
import { argument, eager, errorAware, lazy } from './function-definition.ts';
import type { FunctionTable } from './function-definition.ts';

/** AND, OR, NOT, XOR, IF, SWITCH, BLANK, TRUE, FALSE, ISERROR and ERROR. */
export const logicalFunctions: FunctionTable = {
  AND: eager(1, Infinity, (args) => args.every(isTruthy)),
  OR: eager(1, Infinity, (args) => args.some(isTruthy)),
  XOR: eager(1, Infinity, (args) => args.filter(isTruthy).length % 2 === 1),
  NOT: eager(1, 1, (args) => !isTruthy(argument(args, 0))),
  IF: lazy(2, 3, ([condition, whenTrue, whenFalse]) => {
    const tested = evaluateArgument(condition);
    if (isFormulaError(tested)) return tested;
    // Airtable leaves the cell blank when the condition fails and there is no else branch.
    return isTruthy(tested) ? evaluateArgument(whenTrue) : evaluateArgument(whenFalse);
  }),
  SWITCH: lazy(3, Infinity, (args) => switchValue(args)),
  BLANK: eager(0, 0, () => null),
  TRUE: eager(0, 0, () => true),
  FALSE: eager(0, 0, () => false),
  ISERROR: errorAware(1, 1, (args) => firstError(args) !== undefined),
  ERROR: eager(0, 0, () => formulaError()),
};

// SWITCH(expression, pattern1, result1, ..., [default]): the result of the first pattern equal
// to the expression (as `=` sees equality), else the default, else blank.
function switchValue(args: readonly (() => FormulaValue)[]): FormulaValue {
  const [expression, ...cases] = args;
  const subject = evaluateArgument(expression);
  if (isFormulaError(subject)) return subject;
  let index = 0;
  for (; index + 1 < cases.length; index += 2) {
    const pattern = evaluateArgument(cases[index]);
    if (isFormulaError(pattern)) return pattern;
    if (formulaEquals(subject, pattern)) return evaluateArgument(cases[index + 1]);
  }
  return index < cases.length ? evaluateArgument(cases[index]) : null;
}

function evaluateArgument(thunk: (() => FormulaValue) | undefined): FormulaValue {
  return thunk === undefined ? null : thunk();
}

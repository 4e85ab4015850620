import type { FormulaContext } from '../formula-context.ts';
import type { FormulaValue } from '../formula-value.ts';

/**
 * A function whose arguments are evaluated first. Unless `seesErrors` is set, an error in any
 * argument is the result, without calling `evaluate`: errors propagate through most functions
 * in Airtable.
 */
export interface EagerFormulaFunction {
  readonly kind: 'eager';
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly seesErrors: boolean;
  readonly evaluate: (args: readonly FormulaValue[], context: FormulaContext) => FormulaValue;
}

/**
 * A function that decides which arguments to evaluate (IF, SWITCH), so the branch not taken
 * costs nothing and its errors do not surface.
 */
export interface LazyFormulaFunction {
  readonly kind: 'lazy';
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly evaluate: (
    args: readonly (() => FormulaValue)[],
    context: FormulaContext,
  ) => FormulaValue;
}

/** One entry of the function table. */
export type FormulaFunction = EagerFormulaFunction | LazyFormulaFunction;

/** Functions by upper-case name. */
export type FunctionTable = Readonly<Record<string, FormulaFunction>>;

/** Defines a function that takes evaluated arguments; errors in them propagate. */
export function eager(
  minArgs: number,
  maxArgs: number,
  evaluate: EagerFormulaFunction['evaluate'],
): EagerFormulaFunction {
  return { kind: 'eager', minArgs, maxArgs, seesErrors: false, evaluate };
}

/** Defines a function that takes evaluated arguments and handles errors in them itself. */
export function errorAware(
  minArgs: number,
  maxArgs: number,
  evaluate: EagerFormulaFunction['evaluate'],
): EagerFormulaFunction {
  return { kind: 'eager', minArgs, maxArgs, seesErrors: true, evaluate };
}

/** Defines a function that evaluates its arguments itself. */
export function lazy(
  minArgs: number,
  maxArgs: number,
  evaluate: LazyFormulaFunction['evaluate'],
): LazyFormulaFunction {
  return { kind: 'lazy', minArgs, maxArgs, evaluate };
}

/** Argument `index`, blank when it was left out. */
export function argument(args: readonly FormulaValue[], index: number): FormulaValue {
  return args[index] ?? null;
}

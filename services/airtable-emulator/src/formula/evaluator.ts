import { formatFormulaValue, toNumber } from './coercion.ts';
import { compareValues } from './comparison.ts';
import type { FormulaContext } from './formula-context.ts';
import type { BinaryOperator, FormulaExpression } from './formula-expression.ts';
import { formulaError, isFormulaError, numberResult, textResult } from './formula-value.ts';
import type { FormulaValue } from './formula-value.ts';
import { lookupFunction } from './function-registry.ts';

/**
 * Evaluates a parsed formula against one record. Never throws for data problems: division by
 * zero, bad arguments and the like become error values (see FormulaError), which propagate
 * through operators and most functions and which ISERROR detects, as in Airtable.
 */
export function evaluateFormula(
  expression: FormulaExpression,
  context: FormulaContext,
): FormulaValue {
  switch (expression.kind) {
    case 'number':
    case 'string':
    case 'boolean':
      return expression.value;
    case 'field':
      return context.field(expression.name);
    case 'negate': {
      const operand = evaluateFormula(expression.operand, context);
      return isFormulaError(operand) ? operand : numberResult(-toNumber(operand));
    }
    case 'binary':
      return evaluateBinary(
        expression.operator,
        evaluateFormula(expression.left, context),
        evaluateFormula(expression.right, context),
      );
    case 'call':
      return evaluateCall(expression.name, expression.args, context);
  }
}

function evaluateBinary(
  operator: BinaryOperator,
  left: FormulaValue,
  right: FormulaValue,
): FormulaValue {
  if (isFormulaError(left)) return left;
  if (isFormulaError(right)) return right;
  switch (operator) {
    case '&':
      return textResult(formatFormulaValue(left) + formatFormulaValue(right));
    case '+':
      return numberResult(toNumber(left) + toNumber(right));
    case '-':
      return numberResult(toNumber(left) - toNumber(right));
    case '*':
      return numberResult(toNumber(left) * toNumber(right));
    case '/':
      return numberResult(toNumber(left) / toNumber(right));
    default:
      return compareValues(operator, left, right);
  }
}

function evaluateCall(
  name: string,
  argExpressions: readonly FormulaExpression[],
  context: FormulaContext,
): FormulaValue {
  const definition = lookupFunction(name);
  // Only a hand-built expression can name a missing function; parseFormula rejects it.
  if (definition === undefined) return formulaError();
  if (definition.kind === 'lazy') {
    const thunks = argExpressions.map((arg) => () => evaluateFormula(arg, context));
    return definition.evaluate(thunks, context);
  }
  const args = argExpressions.map((arg) => evaluateFormula(arg, context));
  if (!definition.seesErrors) {
    const error = args.find(isFormulaError);
    if (error !== undefined) return error;
  }
  return definition.evaluate(args, context);
}

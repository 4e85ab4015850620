/**
 * Airtable's formula language for the emulator: `filterByFormula`, formula fields, rollups
 * and view filters. Parse once with parseFormula, then evaluate per record.
 */
export { formatFormulaValue, isTruthy } from './coercion.ts';
export { evaluateFormula } from './evaluator.ts';
export { referencedFieldNames } from './field-references.ts';
export type { FormulaContext } from './formula-context.ts';
export type { BinaryOperator, FormulaExpression } from './formula-expression.ts';
export { FormulaSyntaxError } from './formula-syntax-error.ts';
export { formulaDate, formulaError } from './formula-value.ts';
export type { FormulaDate, FormulaError, FormulaValue } from './formula-value.ts';
export { parseFormula } from './parser.ts';

import type { FormulaExpression } from './formula-expression.ts';

/**
 * The field names a formula reads, in order of first use, each once: `{Field Name}`
 * references and bare names (`Price`, a rollup's `values`). The emulator checks them against
 * the table to answer UNKNOWN_FIELD_NAME and to know what a formula field depends on.
 */
export function referencedFieldNames(expression: FormulaExpression): string[] {
  const names = new Set<string>();
  collect(expression, names);
  return [...names];
}

function collect(expression: FormulaExpression, names: Set<string>): void {
  switch (expression.kind) {
    case 'field':
      names.add(expression.name);
      return;
    case 'negate':
      collect(expression.operand, names);
      return;
    case 'binary':
      collect(expression.left, names);
      collect(expression.right, names);
      return;
    case 'call':
      for (const arg of expression.args) collect(arg, names);
      return;
    default:
      return;
  }
}

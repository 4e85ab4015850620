/** Binary operators, from loosest to tightest: comparisons, `&`, `+ -`, `* /`. */
export type BinaryOperator = '=' | '!=' | '<' | '>' | '<=' | '>=' | '&' | '+' | '-' | '*' | '/';

/**
 * A parsed formula. Every node keeps the offset it started at so evaluation problems can be
 * traced back to the source. Function names are stored upper-cased.
 */
export type FormulaExpression =
  | { readonly kind: 'number'; readonly value: number; readonly position: number }
  | { readonly kind: 'string'; readonly value: string; readonly position: number }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly position: number }
  | { readonly kind: 'field'; readonly name: string; readonly position: number }
  | {
      readonly kind: 'negate';
      readonly operand: FormulaExpression;
      readonly position: number;
    }
  | {
      readonly kind: 'binary';
      readonly operator: BinaryOperator;
      readonly left: FormulaExpression;
      readonly right: FormulaExpression;
      readonly position: number;
    }
  | {
      readonly kind: 'call';
      readonly name: string;
      readonly args: readonly FormulaExpression[];
      readonly position: number;
    };

import type { BinaryOperator, FormulaExpression } from './formula-expression.ts';
import { FormulaSyntaxError } from './formula-syntax-error.ts';
import { lookupFunction } from './function-registry.ts';
import { tokenize } from './tokenizer.ts';
import type { PunctuationText, Token } from './tokenizer.ts';

// Deeper nesting than any hand-written formula, shallow enough that a hostile one cannot
// overflow the stack: parentheses and calls while parsing, and the finished tree, which
// evaluation walks recursively (a chain like `1+1+...` is parsed in a loop but nests).
const MAX_DEPTH = 200;
const MAX_TREE_DEPTH = 1000;

// Loosest first. Like spreadsheets: comparisons bind last, then `&`, then `+ -`, then `* /`.
const PRECEDENCE_LEVELS: readonly (readonly BinaryOperator[])[] = [
  ['=', '!=', '<', '>', '<=', '>='],
  ['&'],
  ['+', '-'],
  ['*', '/'],
];

/**
 * Parses an Airtable formula. Throws FormulaSyntaxError, with the offset of the problem, for
 * malformed input, unknown functions and wrong argument counts. Bare identifiers that are not
 * function calls or TRUE/FALSE are field references, as Airtable allows `Price * Quantity`
 * (and rollup formulas read their values as `values`).
 */
export function parseFormula(source: string): FormulaExpression {
  return new Parser(tokenize(source)).parseFormula();
}

class Parser {
  private readonly tokens: readonly Token[];
  private index = 0;
  private depth = 0;

  constructor(tokens: readonly Token[]) {
    this.tokens = tokens;
  }

  parseFormula(): FormulaExpression {
    const expression = this.parseExpression();
    const next = this.peek();
    if (next.type !== 'end') {
      throw new FormulaSyntaxError(`Unexpected ${describe(next)}`, next.position);
    }
    assertShallow(expression);
    return expression;
  }

  private parseExpression(): FormulaExpression {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) {
      throw new FormulaSyntaxError('Formula nests too deeply', this.peek().position);
    }
    const expression = this.parseLevel(0);
    this.depth -= 1;
    return expression;
  }

  private parseLevel(level: number): FormulaExpression {
    const operators = PRECEDENCE_LEVELS[level];
    if (operators === undefined) return this.parseUnary();
    let left = this.parseLevel(level + 1);
    for (;;) {
      const token = this.peek();
      if (token.type !== 'punctuation' || !isOperatorOf(operators, token.text)) return left;
      this.advance();
      const right = this.parseLevel(level + 1);
      left = { kind: 'binary', operator: token.text, left, right, position: token.position };
    }
  }

  private parseUnary(): FormulaExpression {
    const token = this.peek();
    if (token.type === 'punctuation' && token.text === '-') {
      this.advance();
      return { kind: 'negate', operand: this.parseUnaryNested(), position: token.position };
    }
    return this.parsePrimary();
  }

  // `- - 1` recurses once per sign; count it as nesting so it cannot overflow either.
  private parseUnaryNested(): FormulaExpression {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) {
      throw new FormulaSyntaxError('Formula nests too deeply', this.peek().position);
    }
    const operand = this.parseUnary();
    this.depth -= 1;
    return operand;
  }

  private parsePrimary(): FormulaExpression {
    const token = this.advance();
    switch (token.type) {
      case 'number':
        return { kind: 'number', value: token.value, position: token.position };
      case 'string':
        return { kind: 'string', value: token.value, position: token.position };
      case 'field':
        return { kind: 'field', name: token.name, position: token.position };
      case 'identifier':
        return this.parseIdentifier(token.name, token.position);
      case 'punctuation':
        if (token.text === '(') {
          const inner = this.parseExpression();
          this.expect(')');
          return inner;
        }
        throw new FormulaSyntaxError(`Unexpected '${token.text}'`, token.position);
      default:
        throw new FormulaSyntaxError('Unexpected end of formula', token.position);
    }
  }

  private parseIdentifier(name: string, position: number): FormulaExpression {
    const next = this.peek();
    if (next.type === 'punctuation' && next.text === '(') {
      this.advance();
      return this.parseCall(name, position);
    }
    const upper = name.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') {
      return { kind: 'boolean', value: upper === 'TRUE', position };
    }
    return { kind: 'field', name, position };
  }

  private parseCall(name: string, position: number): FormulaExpression {
    const definition = lookupFunction(name);
    if (definition === undefined) {
      throw new FormulaSyntaxError(`Unknown function ${name}`, position);
    }
    const args: FormulaExpression[] = [];
    if (!this.isAt(')')) {
      args.push(this.parseExpression());
      while (this.isAt(',')) {
        this.advance();
        args.push(this.parseExpression());
      }
    }
    this.expect(')');
    const upper = name.toUpperCase();
    if (args.length < definition.minArgs || args.length > definition.maxArgs) {
      throw new FormulaSyntaxError(
        `${upper} expects ${describeArity(definition.minArgs, definition.maxArgs)}, got ${args.length}`,
        position,
      );
    }
    return { kind: 'call', name: upper, args, position };
  }

  private expect(text: PunctuationText): void {
    const token = this.peek();
    if (token.type !== 'punctuation' || token.text !== text) {
      throw new FormulaSyntaxError(`Expected '${text}'`, token.position);
    }
    this.advance();
  }

  private isAt(text: PunctuationText): boolean {
    const token = this.peek();
    return token.type === 'punctuation' && token.text === text;
  }

  private peek(): Token {
    // The tokenizer always ends with an `end` token, so the last one stands in past the end.
    return (
      this.tokens[this.index] ?? this.tokens[this.tokens.length - 1] ?? { type: 'end', position: 0 }
    );
  }

  private advance(): Token {
    const token = this.peek();
    if (token.type !== 'end') this.index += 1;
    return token;
  }
}

// Walks the tree with an explicit stack, since recursing is what a too-deep tree would break.
function assertShallow(root: FormulaExpression): void {
  const pending: { node: FormulaExpression; depth: number }[] = [{ node: root, depth: 1 }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { node, depth } = item;
    if (depth > MAX_TREE_DEPTH)
      throw new FormulaSyntaxError('Formula nests too deeply', node.position);
    for (const child of childrenOf(node)) pending.push({ node: child, depth: depth + 1 });
  }
}

function childrenOf(node: FormulaExpression): readonly FormulaExpression[] {
  switch (node.kind) {
    case 'negate':
      return [node.operand];
    case 'binary':
      return [node.left, node.right];
    case 'call':
      return node.args;
    default:
      return [];
  }
}

function isOperatorOf(
  operators: readonly BinaryOperator[],
  text: PunctuationText,
): text is BinaryOperator {
  return (operators as readonly string[]).includes(text);
}

function describe(token: Token): string {
  switch (token.type) {
    case 'number':
      return `number ${token.value}`;
    case 'string':
      return 'text';
    case 'field':
      return `field {${token.name}}`;
    case 'identifier':
      return `name ${token.name}`;
    case 'punctuation':
      return `'${token.text}'`;
    default:
      return 'end of formula';
  }
}

function describeArity(min: number, max: number): string {
  const plural = (count: number) => `${count} argument${count === 1 ? '' : 's'}`;
  if (min === max) return plural(min);
  if (max === Infinity) return `at least ${plural(min)}`;
  return `${min} to ${max} arguments`;
}

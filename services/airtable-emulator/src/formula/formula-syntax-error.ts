/**
 * A formula that cannot be parsed: bad tokens, unbalanced parentheses, unknown functions or
 * the wrong number of arguments. The emulator answers these with 422
 * `INVALID_FILTER_BY_FORMULA`, as Airtable does.
 */
export class FormulaSyntaxError extends Error {
  /** Zero-based offset in the formula source where the problem was found. */
  readonly position: number;

  constructor(problem: string, position: number) {
    super(`${problem} at position ${position}`);
    this.name = 'FormulaSyntaxError';
    this.position = position;
  }
}

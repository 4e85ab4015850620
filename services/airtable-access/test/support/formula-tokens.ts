/**
 * An independent tokenizer of Airtable formulas for tests, following Airtable's syntax (and
 * the emulator's): strings in single or double quotes with backslash escapes (`\n`, `\t`,
 * `\r`; any other escaped character stands for itself), `{Field}` references where `\}` is a
 * brace. Tests read a built formula back with it to prove that hostile input stayed inside
 * the one literal or reference it was meant for.
 */
export type FormulaToken =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'field'; readonly value: string }
  | { readonly kind: 'number'; readonly value: string }
  | { readonly kind: 'name'; readonly value: string }
  | { readonly kind: 'symbol'; readonly value: string };

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r' };

export function tokenizeFormula(formula: string): FormulaToken[] {
  const tokens: FormulaToken[] = [];
  let index = 0;
  while (index < formula.length) {
    const char = formula.charAt(index);
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === '"' || char === "'") {
      let value = '';
      index += 1;
      while (formula.charAt(index) !== char) {
        if (index >= formula.length) throw new Error(`unterminated string in ${formula}`);
        if (formula.charAt(index) === '\\') {
          const escaped = formula.charAt(index + 1);
          value += ESCAPES[escaped] ?? escaped;
          index += 2;
        } else {
          value += formula.charAt(index);
          index += 1;
        }
      }
      index += 1;
      tokens.push({ kind: 'string', value });
    } else if (char === '{') {
      let value = '';
      index += 1;
      while (formula.charAt(index) !== '}') {
        if (index >= formula.length) throw new Error(`unterminated field reference in ${formula}`);
        if (formula.charAt(index) === '\\' && formula.charAt(index + 1) === '}') {
          value += '}';
          index += 2;
        } else {
          value += formula.charAt(index);
          index += 1;
        }
      }
      index += 1;
      tokens.push({ kind: 'field', value });
    } else {
      const match = /^(\d+(\.\d+)?|[A-Za-z_][A-Za-z0-9_]*|!=|>=|<=|[=<>&(),*+/-])/.exec(
        formula.slice(index),
      );
      if (match === null) throw new Error(`unexpected ${char} in ${formula}`);
      const text = match[0];
      const kind = /^\d/.test(text) ? 'number' : /^[A-Za-z_]/.test(text) ? 'name' : 'symbol';
      tokens.push({ kind, value: text });
      index += text.length;
    }
  }
  return tokens;
}

/** The formula's shape: every literal and reference replaced by a placeholder. */
export function formulaSkeleton(formula: string): string {
  return tokenizeFormula(formula)
    .map((token) =>
      token.kind === 'string' ? '"…"' : token.kind === 'field' ? '{…}' : token.value,
    )
    .join(' ');
}

/** The decoded string literals and field names, in order. */
export function formulaValues(formula: string): string[] {
  return tokenizeFormula(formula)
    .filter((token) => token.kind === 'string' || token.kind === 'field')
    .map((token) => token.value);
}

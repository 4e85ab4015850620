import { airtableErrors } from '../errors/airtable-errors.ts';

// The pieces every formula built here is made of. Nothing from a caller reaches a formula
// except through these, which is what makes injection impossible: a string value can only
// ever be the inside of one double-quoted literal, a field name only the inside of one
// `{...}` reference.

const STRING_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/**
 * `text` as a double-quoted formula string literal. Backslashes and double quotes are
 * escaped, so the literal cannot end early; line breaks and tabs are written as `\n`, `\r`,
 * `\t` so the formula stays on one line.
 */
export function escapeFormulaString(text: string): string {
  return `"${text.replace(/[\\"\n\r\t]/g, (char) => STRING_ESCAPES[char] ?? char)}"`;
}

function invalid(problem: string): Error {
  return airtableErrors.AIRTABLE_INVALID_ARGUMENT({ problem });
}

/**
 * A `{Field Name}` reference. A `}` in the name is written `\}`, the escape Airtable's
 * formula syntax has for it. A backslash cannot be written safely: whether `\\` is an escape
 * inside a reference is undocumented, and under either reading one of the two spellings lets
 * the rest of the formula leak into (or out of) the name. Such names, and names with control
 * characters, are refused.
 */
export function fieldReference(name: string): string {
  if (typeof name !== 'string' || name === '')
    throw invalid('a field name must be a non-empty string');
  if (name.includes('\\')) {
    throw invalid(
      `field name ${JSON.stringify(name)} contains a backslash, which a formula cannot reference safely`,
    );
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    throw invalid(`field name ${JSON.stringify(name)} contains a control character`);
  }
  return `{${name.replaceAll('}', '\\}')}}`;
}

/** A number literal; refuses what a formula cannot spell (NaN, Infinity, exponents). */
export function numberLiteral(value: number): string {
  const text = String(value);
  if (typeof value !== 'number' || !/^-?\d+(\.\d+)?$/.test(text)) {
    throw invalid(`${text} is not a number a formula can hold`);
  }
  return text;
}

/** A string, number or boolean as a formula value. */
export function valueLiteral(value: string | number | boolean): string {
  if (typeof value === 'string') return escapeFormulaString(value);
  if (typeof value === 'number') return numberLiteral(value);
  if (typeof value === 'boolean') return value ? 'TRUE()' : 'FALSE()';
  throw invalid(`${JSON.stringify(value)} is not a string, number or boolean`);
}

/** A date or date-time value, as `DATETIME_PARSE("…")` of its ISO 8601 text. */
export function dateLiteral(value: string | Date): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalid('the date is invalid');
    return `DATETIME_PARSE(${escapeFormulaString(value.toISOString())})`;
  }
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}/.test(value) ||
    Number.isNaN(Date.parse(value))
  ) {
    throw invalid(`${JSON.stringify(value)} is not an ISO 8601 date`);
  }
  return `DATETIME_PARSE(${escapeFormulaString(value)})`;
}

/** A case-insensitive "contains" test of `field`'s text (lists of values included). */
export function containsText(field: string, text: string): string {
  return `FIND(LOWER(${escapeFormulaString(text)}), LOWER(${fieldReference(field)}&""))`;
}

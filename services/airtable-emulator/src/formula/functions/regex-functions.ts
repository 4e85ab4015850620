import { formatFormulaValue } from '../coercion.ts';
import { MAX_TEXT_LENGTH, formulaError } from '../formula-value.ts';
import type { FormulaValue } from '../formula-value.ts';
import { argument, eager } from './function-definition.ts';
import type { FunctionTable } from './function-definition.ts';

/**
 * REGEX_MATCH, REGEX_EXTRACT and REGEX_REPLACE. Airtable uses RE2 syntax; JavaScript's
 * RegExp reads nearly all of it, and the two RE2 spellings JavaScript lacks are translated: a
 * leading `(?i)` becomes the `i` flag, `(?P<name>` a named group. An invalid pattern is an
 * error value, not an exception.
 */
export const regexFunctions: FunctionTable = {
  REGEX_MATCH: eager(2, 2, (args) => {
    const pattern = compile(args, '');
    return pattern === undefined ? formulaError() : pattern.test(text(args, 0));
  }),
  // The first match, or an error when there is none (Airtable shows #ERROR! then).
  REGEX_EXTRACT: eager(2, 2, (args) => {
    const pattern = compile(args, '');
    if (pattern === undefined) return formulaError();
    return pattern.exec(text(args, 0))?.[0] ?? formulaError();
  }),
  REGEX_REPLACE: eager(3, 3, (args) => {
    const pattern = compile(args, 'g');
    if (pattern === undefined) return formulaError();
    const source = text(args, 0);
    const replacement = text(args, 2);
    return replacedLengthBound(source, pattern, replacement) > MAX_TEXT_LENGTH
      ? formulaError()
      : source.replace(pattern, replacement);
  }),
};

function text(args: readonly FormulaValue[], index: number): string {
  return formatFormulaValue(argument(args, index));
}

function compile(args: readonly FormulaValue[], flags: string): RegExp | undefined {
  let source = text(args, 1);
  let allFlags = flags;
  if (source.startsWith('(?i)')) {
    source = source.slice(4);
    allFlags += 'i';
  }
  try {
    return new RegExp(source.replaceAll('(?P<', '(?<'), allFlags);
  } catch {
    return undefined;
  }
}

// An upper bound on the replaced text's length, checked before building it: each match adds
// the replacement, and `$&` or `$1` in it can add at most the whole source each time.
function replacedLengthBound(source: string, pattern: RegExp, replacement: string): number {
  const matches = Array.from(source.matchAll(pattern)).length;
  const perMatch = replacement.includes('$')
    ? replacement.length * (source.length + 1)
    : replacement.length;
  return source.length + matches * perMatch;
}

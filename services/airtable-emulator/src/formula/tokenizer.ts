import { FormulaSyntaxError } from './formula-syntax-error.ts';

/** Operators and punctuation of the formula language. */
export type PunctuationText =
  '&' | '+' | '-' | '*' | '/' | '=' | '!=' | '<' | '>' | '<=' | '>=' | '(' | ')' | ',';

/** One lexical token with the offset it starts at, for error messages. */
export type Token =
  | { readonly type: 'number'; readonly value: number; readonly position: number }
  | { readonly type: 'string'; readonly value: string; readonly position: number }
  | { readonly type: 'field'; readonly name: string; readonly position: number }
  | { readonly type: 'identifier'; readonly name: string; readonly position: number }
  | { readonly type: 'punctuation'; readonly text: PunctuationText; readonly position: number }
  | { readonly type: 'end'; readonly position: number };

// Longest first, so `<=` is not read as `<` then `=`.
const PUNCTUATION: readonly PunctuationText[] = [
  '!=',
  '<=',
  '>=',
  '&',
  '+',
  '-',
  '*',
  '/',
  '=',
  '<',
  '>',
  '(',
  ')',
  ',',
];

const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const IDENTIFIER = /[\p{L}_][\p{L}\p{N}_]*/uy;
const WHITESPACE = /\s+/y;

// Escapes inside string literals: quotes and backslashes (what pyairtable's quoting produces)
// and the usual control characters. Any other backslash stays, so regex patterns work written
// either as "\\d+" or "\d+".
const STRING_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  '\\': '\\',
  n: '\n',
  t: '\t',
  r: '\r',
};

/**
 * Splits a formula into tokens. Strings are single- or double-quoted with backslash escapes;
 * `{Field Name}` references may contain anything but an unescaped `}` (write `\}`).
 * Throws FormulaSyntaxError on an unterminated string or reference or a stray character.
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    WHITESPACE.lastIndex = index;
    if (WHITESPACE.test(source)) {
      index = WHITESPACE.lastIndex;
      continue;
    }
    const char = source.charAt(index);
    if (char === '"' || char === "'") {
      const { value, end } = readString(source, index);
      tokens.push({ type: 'string', value, position: index });
      index = end;
    } else if (char === '{') {
      const { name, end } = readFieldReference(source, index);
      tokens.push({ type: 'field', name, position: index });
      index = end;
    } else if (matches(NUMBER, source, index)) {
      const text = matchedText(NUMBER, source, index);
      tokens.push({ type: 'number', value: Number(text), position: index });
      index += text.length;
    } else if (matches(IDENTIFIER, source, index)) {
      const text = matchedText(IDENTIFIER, source, index);
      tokens.push({ type: 'identifier', name: text, position: index });
      index += text.length;
    } else {
      const punctuation = PUNCTUATION.find((candidate) => source.startsWith(candidate, index));
      if (punctuation === undefined) {
        throw new FormulaSyntaxError(`Unexpected character '${char}'`, index);
      }
      tokens.push({ type: 'punctuation', text: punctuation, position: index });
      index += punctuation.length;
    }
  }
  tokens.push({ type: 'end', position: source.length });
  return tokens;
}

function readString(source: string, start: number): { value: string; end: number } {
  const quote = source.charAt(start);
  let value = '';
  let index = start + 1;
  while (index < source.length) {
    const char = source.charAt(index);
    if (char === quote) return { value, end: index + 1 };
    if (char === '\\' && index + 1 < source.length) {
      const escaped = source.charAt(index + 1);
      value += STRING_ESCAPES[escaped] ?? `\\${escaped}`;
      index += 2;
    } else {
      value += char;
      index += 1;
    }
  }
  throw new FormulaSyntaxError('Unterminated string starting', start);
}

function readFieldReference(source: string, start: number): { name: string; end: number } {
  let name = '';
  let index = start + 1;
  while (index < source.length) {
    const char = source.charAt(index);
    if (char === '}') {
      if (name === '') throw new FormulaSyntaxError('Empty field reference', start);
      return { name, end: index + 1 };
    }
    // Only `\}` is an escape: other backslashes are part of the field name, as pyairtable
    // and Airtable's own field-name quoting leave them.
    if (char === '\\' && source.charAt(index + 1) === '}') {
      name += '}';
      index += 2;
    } else {
      name += char;
      index += 1;
    }
  }
  throw new FormulaSyntaxError('Unterminated field reference starting', start);
}

function matches(pattern: RegExp, source: string, index: number): boolean {
  pattern.lastIndex = index;
  return pattern.test(source);
}

function matchedText(pattern: RegExp, source: string, index: number): string {
  pattern.lastIndex = index;
  return pattern.exec(source)?.[0] ?? '';
}

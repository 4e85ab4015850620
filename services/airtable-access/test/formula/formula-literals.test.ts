import { describe, expect, it } from 'vitest';
import { escapeFormulaString, fieldReference } from '../../src/formula/formula-literals.ts';
import { tokenizeFormula } from '../support/formula-tokens.ts';

describe('escapeFormulaString', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['C:\\temp', '"C:\\\\temp"'],
    ['\\"', '"\\\\\\""'],
    ['two\nlines', '"two\\nlines"'],
    ['tab\there\r', '"tab\\there\\r"'],
    ['', '""'],
  ])('writes %j as %s', (text, literal) => {
    expect(escapeFormulaString(text)).toBe(literal);
  });

  it.each(['" & ERROR() & "', '\\" & ERROR() & "\\', '"', '\\', '\\\\"\\\\'])(
    'makes %j one string token that reads back unchanged',
    (text) => {
      expect(tokenizeFormula(escapeFormulaString(text))).toEqual([{ kind: 'string', value: text }]);
    },
  );
});

describe('fieldReference', () => {
  it('escapes closing braces', () => {
    expect(fieldReference('Stage')).toBe('{Stage}');
    expect(fieldReference('a}b}')).toBe('{a\\}b\\}}');
  });

  it.each(['a}', '}{', '} & ERROR() & {', '{x}', 'Na"me'])(
    'makes %j one field token that reads back unchanged',
    (name) => {
      expect(tokenizeFormula(fieldReference(name))).toEqual([{ kind: 'field', value: name }]);
    },
  );

  it('refuses names it cannot write safely', () => {
    expect(() => fieldReference('ends\\')).toThrow(/backslash/);
    expect(() => fieldReference('a\\}b')).toThrow(/backslash/);
    expect(() => fieldReference('tab\t')).toThrow(/control character/);
    expect(() => fieldReference('')).toThrow(/non-empty/);
  });
});

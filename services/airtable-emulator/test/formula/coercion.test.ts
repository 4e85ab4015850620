import { describe, expect, it } from 'vitest';
import { formatFormulaValue, isTruthy } from '../../src/formula/index.ts';
import type { FormulaValue } from '../../src/formula/index.ts';
import { date, error, run } from './support/run-formula.ts';

describe('isTruthy', () => {
  it.each<[string, FormulaValue, boolean]>([
    ['blank', null, false],
    ['false', false, false],
    ['true', true, true],
    ['zero', 0, false],
    ['negative zero', -0, false],
    ['NaN', Number.NaN, false],
    ['a negative number', -1, true],
    ['a fraction', 0.001, true],
    ['empty text', '', false],
    ['a space', ' ', true],
    ['the text "0"', '0', true],
    ['an empty array', [], false],
    ['an array of blanks', [null, ''], false],
    ['an array holding 0', [0], true],
    ['an array with text', ['a'], true],
    ['a date', date('2024-01-15'), true],
    ['the generic error', error('#ERROR!'), false],
    ['the NaN error', error('NaN'), false],
  ])('%s is %s', (_label, value, expected) => {
    expect(isTruthy(value)).toBe(expected);
  });
});

describe('formatFormulaValue', () => {
  it.each<[string, FormulaValue, string]>([
    ['blank as empty text', null, ''],
    ['integers without a decimal point', 3, '3'],
    ['decimals in their shortest form', 2.5, '2.5'],
    ['negative zero as 0', -0, '0'],
    ['true as 1', true, '1'],
    ['false as 0', false, '0'],
    ['a day as YYYY-MM-DD', date('2024-01-15'), '2024-01-15'],
    ['a timestamp as ISO 8601', date('2024-01-15T09:05:00Z'), '2024-01-15T09:05:00.000Z'],
    ['arrays joined with a comma and a space', ['a', 1, true], 'a, 1, 1'],
    ['nested arrays flattened', [['a', 'b'], ['c']], 'a, b, c'],
    ['blanks inside arrays as empty text', ['a', null, 'b'], 'a, , b'],
    ['errors as their code', error('#ERROR!'), '#ERROR!'],
  ])('prints %s', (_label, value, expected) => {
    expect(formatFormulaValue(value)).toBe(expected);
  });

  it('is what & concatenates', () => {
    expect(
      run('{Tags} & " / " & {Due} & " / " & (1 = 1)', {
        Tags: ['red', 'blue'],
        Due: date('2024-01-15'),
      }),
    ).toBe('red, blue / 2024-01-15 / 1');
  });
});

import { describe, expect, it } from 'vitest';
import type { FormulaValue } from '../../src/formula/index.ts';
import { date, error, run } from './support/run-formula.ts';

describe('arithmetic', () => {
  it('reads blank as 0, booleans as 1 and 0 and numeric text as its number', () => {
    expect(run('{Empty} + 5')).toBe(5);
    expect(run('TRUE() + TRUE()')).toBe(2);
    expect(run('" 12 " * 2')).toBe(24);
    expect(run('{Lookup} * 2', { Lookup: [21] })).toBe(42);
  });

  it('gives the NaN error for text that is not a number', () => {
    expect(run('"abc" * 2')).toEqual(error('NaN'));
  });

  it('gives Airtable’s Infinity and NaN errors for division by zero', () => {
    expect(run('1 / 0')).toEqual(error('Infinity'));
    expect(run('-1 / 0')).toEqual(error('-Infinity'));
    expect(run('0 / 0')).toEqual(error('NaN'));
    expect(run('{Net} / {Sales}', { Net: 10 })).toEqual(error('Infinity'));
  });

  it('propagates errors through operators', () => {
    expect(run('ERROR() + 1')).toEqual(error('#ERROR!'));
    expect(run('"a" & (1 / 0)')).toEqual(error('Infinity'));
    expect(run('-(1 / 0)')).toEqual(error('Infinity'));
    expect(run('(1 / 0) = 1')).toEqual(error('Infinity'));
  });

  it('concatenates numbers without trailing zeros', () => {
    expect(run('1.50 & "|" & 2 * 3 & "|" & 0.1 * 3')).toBe('1.5|6|0.30000000000000004');
  });
});

describe('comparisons', () => {
  it.each<[string, FormulaValue]>([
    ['1 = 1', true],
    ['1 != 1', false],
    ['"10" = 10', true],
    ['10 > "9"', true],
    ['"10" > "9"', false],
    ['"Apple" = "apple"', false],
    ['"apple" < "banana"', true],
    ['"b" >= "b"', true],
    ['TRUE() = 1', true],
    ['FALSE() = 0', true],
    ['2 <= 1', false],
  ])('%s is %s', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it('treats blank as equal to blank, "" and 0', () => {
    expect(run('{Empty} = BLANK()')).toBe(true);
    expect(run('{Empty} = ""')).toBe(true);
    expect(run('{Empty} = 0')).toBe(true);
    expect(run('{Empty} != BLANK()')).toBe(false);
    expect(run('{Name} = BLANK()', { Name: 'Ada' })).toBe(false);
    expect(run('{Name} != ""', { Name: 'Ada' })).toBe(true);
    expect(run('{Tags} = BLANK()', { Tags: [] })).toBe(true);
  });

  it('orders blank as 0 next to numbers and as "" next to text', () => {
    expect(run('{Empty} < 1')).toBe(true);
    expect(run('{Empty} > -1')).toBe(true);
    expect(run('{Empty} < "a"')).toBe(true);
  });

  it('compares dates by instant, accepting date text', () => {
    const fields = { Due: date('2024-01-15'), Start: date('2024-01-10T12:00:00Z') };
    expect(run('{Due} > {Start}', fields)).toBe(true);
    expect(run('{Due} = "2024-01-15"', fields)).toBe(true);
    expect(run('{Due} < "2024-02-01"', fields)).toBe(true);
    expect(run('{Due} = DATETIME_PARSE("2024-01-15")', fields)).toBe(true);
    expect(run('{Due} != {Start}', fields)).toBe(true);
  });

  it('never orders a date against a blank', () => {
    expect(run('{Due} < {Empty}', { Due: date('2024-01-15') })).toBe(false);
    expect(run('{Due} > {Empty}', { Due: date('2024-01-15') })).toBe(false);
  });

  it('compares arrays through their text', () => {
    expect(run('{Tags} = "urgent"', { Tags: ['urgent'] })).toBe(true);
    expect(run('{Tags} = "a, b"', { Tags: ['a', 'b'] })).toBe(true);
    expect(run('{Scores} > 5', { Scores: [7] })).toBe(true);
  });
});

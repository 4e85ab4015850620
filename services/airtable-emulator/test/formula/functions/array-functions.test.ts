import { describe, expect, it } from 'vitest';
import { date, run } from '../support/run-formula.ts';

describe('array functions', () => {
  it('ARRAYJOIN joins with ", " or a given separator', () => {
    expect(run('ARRAYJOIN(values)', { values: ['a', 'b', 'c'] })).toBe('a, b, c');
    expect(run('ARRAYJOIN(values, " | ")', { values: [1, 2] })).toBe('1 | 2');
    expect(run('ARRAYJOIN(values, ";")', { values: [date('2024-01-15'), true] })).toBe(
      '2024-01-15;1',
    );
  });

  it('ARRAYJOIN takes a single value as a one-item array and blank as none', () => {
    expect(run('ARRAYJOIN("solo", "-")')).toBe('solo');
    expect(run('ARRAYJOIN({Missing})')).toBe('');
  });

  it('ARRAYUNIQUE keeps the first of equal items and tells 1 from "1"', () => {
    expect(run('ARRAYUNIQUE(values)', { values: ['a', 'b', 'a', 1, '1', 1] })).toEqual([
      'a',
      'b',
      1,
      '1',
    ]);
  });

  it('ARRAYCOMPACT drops blanks and empty text, keeps false and spaces', () => {
    expect(run('ARRAYCOMPACT(values)', { values: ['a', null, '', ' ', false, 0] })).toEqual([
      'a',
      ' ',
      false,
      0,
    ]);
  });

  it('ARRAYFLATTEN spreads nested arrays', () => {
    expect(run('ARRAYFLATTEN(values)', { values: [['a', ['b']], 'c'] })).toEqual(['a', 'b', 'c']);
  });
});

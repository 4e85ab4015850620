import { describe, expect, it } from 'vitest';
import { date, error, run } from '../support/run-formula.ts';

describe('rounding', () => {
  it.each([
    ['ROUND(2.5, 0)', 3],
    ['ROUND(-2.5, 0)', -2],
    ['ROUND(-2.6, 0)', -3],
    ['ROUND(1.005, 2)', 1.01],
    ['ROUND(1234.5678, -2)', 1200],
    ['ROUND(3.14159)', 3],
    ['ROUNDUP(2.01, 0)', 3],
    ['ROUNDUP(-2.01, 0)', -3],
    ['ROUNDUP(1.231, 2)', 1.24],
    ['ROUNDDOWN(2.99, 0)', 2],
    ['ROUNDDOWN(-2.99, 0)', -2],
    ['ROUNDDOWN(1.239, 2)', 1.23],
    ['INT(2.7)', 2],
    ['INT(-2.3)', -3],
    ['CEILING(2.1)', 3],
    ['CEILING(7, 5)', 10],
    ['FLOOR(7, 5)', 5],
    ['FLOOR(0.35, 0.1)', 0.3],
  ])('%s is %s', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it('ROUND breaks ties toward positive infinity, as Airtable documents', () => {
    expect(run('ROUND(0.5, 0) & "," & ROUND(-0.5, 0) & "," & ROUND(-1.5, 0)')).toBe('1,0,-1');
  });
});

describe('ABS, MOD, POWER and SQRT', () => {
  it('compute', () => {
    expect(run('ABS(-4.5)')).toBe(4.5);
    expect(run('MOD(7, 3)')).toBe(1);
    expect(run('MOD(-7, 3)')).toBe(-1);
    expect(run('POWER(2, 10)')).toBe(1024);
    expect(run('SQRT(16)')).toBe(4);
  });

  it('give the NaN error where there is no real answer', () => {
    expect(run('MOD(5, 0)')).toEqual(error('NaN'));
    expect(run('SQRT(-1)')).toEqual(error('NaN'));
    expect(run('ABS("abc")')).toEqual(error('NaN'));
  });

  it('read blank and numeric text as numbers', () => {
    expect(run('ABS({Missing})')).toBe(0);
    expect(run('ROUND("2.345", 2)')).toBe(2.35);
  });
});

describe('aggregates', () => {
  it('SUM adds numbers from arguments and arrays, as a rollup of values', () => {
    expect(run('SUM(1, 2, 3)')).toBe(6);
    expect(run('SUM(values)', { values: [10, 20.5, null, 4] })).toBe(34.5);
    expect(run('SUM(values, 1)', { values: [] })).toBe(1);
  });

  it('SUM counts checked checkboxes and numeric text, and skips other text', () => {
    expect(run('SUM(values)', { values: [true, false, true] })).toBe(2);
    expect(run('SUM(values)', { values: ['3', 'n/a', 4] })).toBe(7);
  });

  it('AVERAGE divides by how many numbers there are', () => {
    expect(run('AVERAGE(values)', { values: [1, 2, null, 6] })).toBe(3);
    expect(run('AVERAGE(values)', { values: [] })).toEqual(error('NaN'));
  });

  it('MAX and MIN pick numbers, 0 for none', () => {
    expect(run('MAX(values)', { values: [3, 9, -2] })).toBe(9);
    expect(run('MIN(values, -5)', { values: [3, 9, -2] })).toBe(-5);
    expect(run('MAX(values)', { values: [] })).toBe(0);
  });

  it('MAX and MIN of dates give a date', () => {
    const values = [date('2024-01-15'), date('2024-03-01'), null];
    expect(run('MAX(values) & ""', { values })).toBe('2024-03-01');
    expect(run('MIN(values) & ""', { values })).toBe('2024-01-15');
  });

  it('COUNT, COUNTA and COUNTALL count numbers, non-blanks and everything', () => {
    const values = [1, 'two', null, '', 3, false];
    expect(run('COUNT(values)', { values })).toBe(2);
    expect(run('COUNTA(values)', { values })).toBe(4);
    expect(run('COUNTALL(values)', { values })).toBe(6);
    expect(run('COUNTALL(values)', { values: [] })).toBe(0);
  });

  it('propagate an error found inside an array', () => {
    expect(run('SUM(values)', { values: [1, { kind: 'error', code: '#ERROR!' }] })).toEqual(
      error('#ERROR!'),
    );
  });
});

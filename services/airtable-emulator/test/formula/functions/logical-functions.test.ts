import { describe, expect, it } from 'vitest';
import { date, error, run } from '../support/run-formula.ts';

describe('IF', () => {
  it('picks a branch by truthiness', () => {
    expect(run('IF({n} > 2, "big", "small")', { n: 3 })).toBe('big');
    expect(run('IF({Name}, "named", "anonymous")', { Name: '' })).toBe('anonymous');
    expect(run('IF({Tags}, "tagged", "untagged")', { Tags: [] })).toBe('untagged');
  });

  it('is blank when the condition fails and there is no else branch', () => {
    expect(run('IF(0, "yes")')).toBeNull();
  });

  it('does not evaluate the branch not taken', () => {
    expect(run('IF(TRUE(), "safe", ERROR())')).toBe('safe');
    expect(run('IF(FALSE(), 1 / 0, 2)')).toBe(2);
  });

  it('returns an error in the condition', () => {
    expect(run('IF(ERROR(), 1, 2)')).toEqual(error('#ERROR!'));
  });
});

describe('AND, OR, XOR and NOT', () => {
  it('combine truthiness', () => {
    expect(run('AND(1, "x", TRUE())')).toBe(true);
    expect(run('AND(1, 0)')).toBe(false);
    expect(run('OR(0, "", FALSE())')).toBe(false);
    expect(run('OR(0, "yes")')).toBe(true);
    expect(run('XOR(1, 1, 1)')).toBe(true);
    expect(run('XOR(1, 1)')).toBe(false);
    expect(run('NOT(0)')).toBe(true);
    expect(run('NOT("text")')).toBe(false);
  });

  it('treat blank fields and empty arrays as false and non-empty arrays as true', () => {
    expect(run('AND({Tags}, {Name})', { Tags: ['a'], Name: 'Ada' })).toBe(true);
    expect(run('AND({Tags}, {Name})', { Tags: [], Name: 'Ada' })).toBe(false);
    expect(run('OR({Missing}, {Tags})', { Tags: ['a'] })).toBe(true);
    expect(run('OR({Missing}, {Tags})', { Tags: [] })).toBe(false);
    expect(run('NOT({Missing})')).toBe(true);
  });

  it('propagate errors', () => {
    expect(run('AND(1, ERROR())')).toEqual(error('#ERROR!'));
    expect(run('NOT(1 / 0)')).toEqual(error('Infinity'));
  });
});

describe('SWITCH', () => {
  it('returns the result of the first matching pattern', () => {
    const formula = 'SWITCH({Status}, "Todo", 1, "Doing", 2, "Done", 3, 0)';
    expect(run(formula, { Status: 'Doing' })).toBe(2);
    expect(run(formula, { Status: 'Other' })).toBe(0);
  });

  it('is blank without a match or default', () => {
    expect(run('SWITCH("x", "a", 1)')).toBeNull();
  });

  it('matches like = does, numeric text to numbers and blank to BLANK()', () => {
    expect(run('SWITCH({n}, 1, "one", 2, "two")', { n: '2' })).toBe('two');
    expect(run('SWITCH({Status}, BLANK(), "unset", "set")')).toBe('unset');
  });

  it('evaluates only the chosen result', () => {
    expect(run('SWITCH(1, 1, "ok", 2, ERROR())')).toBe('ok');
  });
});

describe('BLANK, TRUE, FALSE, ISERROR and ERROR', () => {
  it('BLANK() is blank and equals an empty field', () => {
    expect(run('BLANK()')).toBeNull();
    expect(run('{Due} = BLANK()')).toBe(true);
    expect(run('{Due} = BLANK()', { Due: date('2024-01-15') })).toBe(false);
  });

  it('ISERROR catches every error value and nothing else', () => {
    expect(run('ISERROR(ERROR())')).toBe(true);
    expect(run('ISERROR(2 / 0)')).toBe(true);
    expect(run('ISERROR("abc" * 1)')).toBe(true);
    expect(run('ISERROR(DATETIME_PARSE("not a date"))')).toBe(true);
    expect(run('ISERROR(0)')).toBe(false);
    expect(run('ISERROR(BLANK())')).toBe(false);
  });

  it('ERROR() is the generic error and is falsy as a filter', () => {
    expect(run('ERROR()')).toEqual(error('#ERROR!'));
  });
});

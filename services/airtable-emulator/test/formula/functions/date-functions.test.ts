import { describe, expect, it } from 'vitest';
import { formatFormulaValue } from '../../../src/formula/index.ts';
import { date, error, run } from '../support/run-formula.ts';

function text(source: string, fields: Parameters<typeof run>[1] = {}): string {
  return formatFormulaValue(run(source, fields));
}

describe('comparing dates', () => {
  const fields = { Due: date('2024-01-15'), Created: date('2024-01-15T18:00:00Z') };

  it('IS_AFTER and IS_BEFORE compare instants, reading date text', () => {
    expect(run('IS_AFTER({Due}, "2024-01-01")', fields)).toBe(true);
    expect(run('IS_BEFORE({Due}, "2024-01-01")', fields)).toBe(false);
    expect(run('IS_AFTER({Created}, {Due})', fields)).toBe(true);
    expect(run('IS_BEFORE("1/10/2024", {Due})', fields)).toBe(true);
  });

  it('IS_SAME compares exactly, or up to a unit', () => {
    expect(run('IS_SAME({Due}, "2024-01-15")', fields)).toBe(true);
    expect(run('IS_SAME({Due}, {Created})', fields)).toBe(false);
    expect(run('IS_SAME({Due}, {Created}, "day")', fields)).toBe(true);
    expect(run('IS_SAME({Due}, "2024-01-31", "month")', fields)).toBe(true);
    expect(run('IS_SAME({Due}, "2024-01-20", "week")', fields)).toBe(true);
    expect(run('IS_SAME({Due}, "2024-01-21", "week")', fields)).toBe(false);
    expect(run('IS_SAME({Due}, "2024-03-31", "quarter")', fields)).toBe(true);
    expect(run('IS_SAME({Due}, "2023-01-15", "year")', fields)).toBe(false);
  });

  it('give #ERROR! for blanks and text that is not a date', () => {
    expect(run('IS_AFTER({Missing}, "2024-01-01")')).toEqual(error('#ERROR!'));
    expect(run('IS_AFTER("soon", "2024-01-01")')).toEqual(error('#ERROR!'));
  });
});

describe('DATETIME_DIFF', () => {
  it.each([
    ['"2024-01-15T10:00:00Z", "2024-01-15T09:00:00Z"', 3600],
    ['"2024-01-15T10:00:00Z", "2024-01-15T09:00:00Z", "milliseconds"', 3_600_000],
    ['"2024-01-15T10:00:00Z", "2024-01-15T09:00:00Z", "ms"', 3_600_000],
    ['"2024-01-15T10:00:00Z", "2024-01-15T09:58:30Z", "minutes"', 1],
    ['"2024-01-15T10:00:00Z", "2024-01-15T09:00:00Z", "h"', 1],
    ['"2024-01-21", "2024-01-10", "days"', 11],
    ['"2024-01-10", "2024-01-21", "days"', -11],
    ['"2024-01-16T12:00:00Z", "2024-01-15T00:00:00Z", "days"', 1],
    ['"2024-02-01", "2024-01-01", "weeks"', 4],
    ['"2024-03-31", "2024-01-31", "months"', 2],
    ['"2024-03-30", "2024-01-31", "M"', 1],
    ['"2024-10-01", "2024-01-01", "quarters"', 3],
    ['"2024-06-30", "2020-07-01", "years"', 3],
    ['"2024-01-15", "2023-01-15", "y"', 1],
  ])('DATETIME_DIFF(%s) is %s', (args, expected) => {
    expect(run(`DATETIME_DIFF(${args})`)).toBe(expected);
  });

  it('reads short units case-sensitively: m is minutes, M months', () => {
    expect(run('DATETIME_DIFF("2024-03-15", "2024-01-15", "m")')).toBe(86_400);
    expect(run('DATETIME_DIFF("2024-03-15", "2024-01-15", "M")')).toBe(2);
  });

  it('rejects unknown units', () => {
    expect(run('DATETIME_DIFF("2024-03-15", "2024-01-15", "fortnights")')).toEqual(
      error('#ERROR!'),
    );
  });

  it('counts days since creation against the evaluation clock', () => {
    expect(run('DATETIME_DIFF(TODAY(), CREATED_TIME(), "days")')).toBe(72);
  });
});

describe('DATEADD', () => {
  it.each([
    ['"2024-01-15", 10, "days"', '2024-01-25'],
    ['"2024-01-15", -1, "week"', '2024-01-08'],
    ['"2024-01-31", 1, "months"', '2024-02-29'],
    ['"2023-01-31", 1, "month"', '2023-02-28'],
    ['"2024-01-15", 1, "quarter"', '2024-04-15'],
    ['"2024-02-29", 1, "years"', '2025-02-28'],
    ['"2024-01-15", 90, "minutes"', '2024-01-15T01:30:00.000Z'],
    ['"2024-01-15T23:00:00Z", 2, "hours"', '2024-01-16T01:00:00.000Z'],
    ['"2024-01-15T00:00:00Z", 1500, "ms"', '2024-01-15T00:00:01.500Z'],
  ])('DATEADD(%s) is %s', (args, expected) => {
    expect(text(`DATEADD(${args})`)).toBe(expected);
  });

  it('keeps a date field a day', () => {
    expect(run('DATEADD({Due}, 1, "day")', { Due: date('2024-01-15') })).toEqual(
      date('2024-01-16'),
    );
  });

  it('gives #ERROR! for a bad unit, count or date', () => {
    expect(run('DATEADD("2024-01-15", 1, "eons")')).toEqual(error('#ERROR!'));
    expect(run('DATEADD("2024-01-15", "many", "days")')).toEqual(error('#ERROR!'));
    expect(run('DATEADD({Missing}, 1, "days")')).toEqual(error('#ERROR!'));
    expect(run('DATEADD("2024-01-15", 1e12, "years")')).toEqual(error('#ERROR!'));
  });
});

describe('DATETIME_FORMAT', () => {
  const fields = { When: date('2024-03-05T14:07:09.045Z') };

  it.each([
    ['YYYY-MM-DD', '2024-03-05'],
    ['M/D/YYYY', '3/5/2024'],
    ['DD.MM.YY HH:mm:ss', '05.03.24 14:07:09'],
    ['h:mm a', '2:07 pm'],
    ['hh:mm A', '02:07 PM'],
    ['dddd, MMMM Do YYYY', 'Tuesday, March 5th 2024'],
    ['ddd MMM D', 'Tue Mar 5'],
    ['[Week of] LL', 'Week of March 5, 2024'],
    ['LLL', 'March 5, 2024 2:07 PM'],
    ['l', '3/5/2024'],
    ['Q DDD SSS', '1 65 045'],
    ['X', '1709647629'],
    ['Z', '+00:00'],
  ])('formats %s as %s', (format, expected) => {
    expect(run(`DATETIME_FORMAT({When}, "${format}")`, fields)).toBe(expected);
  });

  it('defaults to ISO 8601', () => {
    expect(run('DATETIME_FORMAT({When})', fields)).toBe('2024-03-05T14:07:09.045Z');
    expect(run('DATETIME_FORMAT("2024-01-15")')).toBe('2024-01-15T00:00:00.000Z');
  });

  it('formats in the zone SET_TIMEZONE gives', () => {
    expect(
      run('DATETIME_FORMAT(SET_TIMEZONE({When}, "Asia/Kolkata"), "YYYY-MM-DD HH:mm Z")', fields),
    ).toBe('2024-03-05 19:37 +05:30');
    expect(run('DATETIME_FORMAT(SET_TIMEZONE({When}, "America/New_York"))', fields)).toBe(
      '2024-03-05T09:07:09.045-05:00',
    );
    expect(run('HOUR(SET_TIMEZONE({When}, "America/Los_Angeles"))', fields)).toBe(6);
    expect(run('SET_TIMEZONE({When}, "Mars/Olympus")', fields)).toEqual(error('#ERROR!'));
  });

  it('gives #ERROR! for a blank date', () => {
    expect(run('DATETIME_FORMAT({Missing}, "YYYY")')).toEqual(error('#ERROR!'));
  });
});

describe('DATETIME_PARSE', () => {
  it.each([
    ['"2024-01-15"', '2024-01-15T00:00:00.000Z'],
    ['"2024-01-15T10:30:00+02:00"', '2024-01-15T08:30:00.000Z'],
    ['"2024-01-15 10:30"', '2024-01-15T10:30:00.000Z'],
    ['"1/15/2024"', '2024-01-15T00:00:00.000Z'],
    ['"1/15/2024 3:45 pm"', '2024-01-15T15:45:00.000Z'],
    ['"January 15, 2024"', '2024-01-15T00:00:00.000Z'],
    ['"15 Jan 2024"', '2024-01-15T00:00:00.000Z'],
    ['"15.01.2024 14:05", "DD.MM.YYYY HH:mm"', '2024-01-15T14:05:00.000Z'],
    ['"03/04/24", "DD/MM/YY"', '2024-04-03T00:00:00.000Z'],
    ['"Mar 5th", "MMM Do"', '2024-03-05T00:00:00.000Z'],
    ['"1705314600", "X"', '2024-01-15T10:30:00.000Z'],
    ['"2024-01-15", "YYYY-MM-DD", "fr"', '2024-01-15T00:00:00.000Z'],
  ])('DATETIME_PARSE(%s) is %s', (args, expected) => {
    expect(text(`DATETIME_PARSE(${args})`)).toBe(expected);
  });

  it('gives #ERROR! for text it cannot read and impossible dates', () => {
    expect(run('DATETIME_PARSE("someday")')).toEqual(error('#ERROR!'));
    expect(run('DATETIME_PARSE("2023-02-29")')).toEqual(error('#ERROR!'));
    expect(run('DATETIME_PARSE("31/31/2024", "DD/MM/YYYY")')).toEqual(error('#ERROR!'));
  });
});

describe('parts of a date', () => {
  const fields = { When: date('2024-03-05T14:07:09Z') };

  it('YEAR, MONTH, DAY, HOUR, MINUTE and SECOND read UTC', () => {
    expect(run('YEAR({When}) & "-" & MONTH({When}) & "-" & DAY({When})', fields)).toBe('2024-3-5');
    expect(run('HOUR({When}) & ":" & MINUTE({When}) & ":" & SECOND({When})', fields)).toBe(
      '14:7:9',
    );
    expect(run('YEAR("2021-07-04")')).toBe(2021);
  });

  it('WEEKDAY counts from Sunday, or from Monday when asked', () => {
    expect(run('WEEKDAY({When})', fields)).toBe(2);
    expect(run('WEEKDAY({When}, "Monday")', fields)).toBe(1);
    expect(run('WEEKDAY("2024-03-03", "Monday")')).toBe(6);
    expect(run('WEEKDAY({When}, "Friday")', fields)).toEqual(error('#ERROR!'));
  });

  it('DATESTR gives the day', () => {
    expect(run('DATESTR({When})', fields)).toBe('2024-03-05');
  });
});

describe('clock and record times', () => {
  it('TODAY is the UTC day of the evaluation clock, NOW its instant', () => {
    expect(text('TODAY()')).toBe('2024-03-15');
    expect(text('NOW()')).toBe('2024-03-15T10:30:00.000Z');
  });

  it('CREATED_TIME, LAST_MODIFIED_TIME and RECORD_ID describe the record', () => {
    expect(text('CREATED_TIME()')).toBe('2024-01-02T03:04:05.000Z');
    expect(text('LAST_MODIFIED_TIME()')).toBe('2024-02-03T04:05:06.000Z');
    expect(text('LAST_MODIFIED_TIME({Status})')).toBe('2024-02-03T04:05:06.000Z');
    expect(run('RECORD_ID()')).toBe('recA1b2C3d4E5f6G7');
  });

  it('filters records due in the past week', () => {
    const formula = 'AND(IS_AFTER({Due}, DATEADD(TODAY(), -7, "days")), IS_BEFORE({Due}, NOW()))';
    expect(run(formula, { Due: date('2024-03-10') })).toBe(true);
    expect(run(formula, { Due: date('2024-03-01') })).toBe(false);
    expect(run(formula)).toEqual(error('#ERROR!'));
  });
});

import { formatFormulaValue, toNumber } from '../coercion.ts';
import { DEFAULT_DATE_FORMAT, formatDate } from '../dates/date-format.ts';
import { parseDateText, parseWithFormat, toDate } from '../dates/date-parse.ts';
import { addToDate, dateDifference, parseDateUnit, startOfUnit } from '../dates/date-units.ts';
import type { DateUnit } from '../dates/date-units.ts';
import { isValidTimeZone, utcEpoch, wallClock } from '../dates/wall-clock.ts';
import type { WallClock } from '../dates/wall-clock.ts';
import { formulaDate, formulaError } from '../formula-value.ts';
import type { FormulaDate, FormulaValue } from '../formula-value.ts';
import { argument, eager } from './function-definition.ts';
import type { EagerFormulaFunction, FunctionTable } from './function-definition.ts';

// JavaScript dates span ±100,000,000 days around 1970; further out there is no date to return.
const MAX_EPOCH_MS = 8.64e15;

/**
 * Date arithmetic, comparison, formatting and parsing. Dates are worked on in UTC: Airtable
 * uses the base's or the field's time zone, which the emulator does not model, so TODAY() is
 * the UTC day and DATEADD moves UTC days. SET_TIMEZONE changes how a date formats and splits
 * into parts (DATETIME_FORMAT, HOUR, DAY...). Where a date is expected, text that reads as one
 * (`"2024-01-15"`, `"1/15/2024"`) is accepted; blanks and anything else give #ERROR!.
 */
export const dateFunctions: FunctionTable = {
  IS_AFTER: eager(2, 2, (args) => withDates(args, (a, b) => a.epochMs > b.epochMs)),
  IS_BEFORE: eager(2, 2, (args) => withDates(args, (a, b) => a.epochMs < b.epochMs)),
  IS_SAME: eager(2, 3, (args) =>
    withDates(args, (a, b) => {
      if (args.length < 3) return a.epochMs === b.epochMs;
      const unit = unitArgument(args, 2);
      if (unit === undefined) return formulaError();
      return startOfUnit(a.epochMs, unit) === startOfUnit(b.epochMs, unit);
    }),
  ),
  // DATETIME_DIFF(date1, date2, [units]) is date1 - date2, in seconds unless told.
  DATETIME_DIFF: eager(2, 3, (args) =>
    withDates(args, (a, b) => {
      const unit = args.length < 3 ? 'second' : unitArgument(args, 2);
      if (unit === undefined) return formulaError();
      return dateDifference(a.epochMs, b.epochMs, unit);
    }),
  ),
  DATEADD: eager(3, 3, (args) => {
    const date = toDate(argument(args, 0));
    const count = toNumber(argument(args, 1));
    const unit = unitArgument(args, 2);
    if (date === undefined || unit === undefined || !Number.isFinite(count)) return formulaError();
    const hasTime = date.hasTime || !isWholeDayUnit(unit);
    return dateResult(addToDate(date.epochMs, count, unit), hasTime, date.timeZone);
  }),
  DATETIME_FORMAT: eager(1, 2, (args) => {
    const date = toDate(argument(args, 0));
    if (date === undefined) return formulaError();
    if (args.length < 2 && date.timeZone === undefined) {
      return new Date(date.epochMs).toISOString();
    }
    const pattern = args.length < 2 ? DEFAULT_DATE_FORMAT : formatFormulaValue(argument(args, 1));
    return formatDate(date, pattern) ?? formulaError();
  }),
  // The locale argument is accepted and ignored: the emulator reads English month names.
  DATETIME_PARSE: eager(1, 3, (args, context) => {
    const input = argument(args, 0);
    const format = args.length > 1 ? formatFormulaValue(argument(args, 1)) : '';
    const parsed =
      typeof input !== 'string'
        ? toDate(input)
        : format === ''
          ? parseDateText(input)
          : parseWithFormat(input, format, context.now.getUTCFullYear());
    // Airtable's docs: the result is always a date with a time.
    return parsed === undefined ? formulaError() : dateResult(parsed.epochMs, true);
  }),
  TODAY: eager(0, 0, (_args, context) => {
    const now = context.now;
    const day = { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
    return formulaDate(utcEpoch(day), false);
  }),
  NOW: eager(0, 0, (_args, context) => formulaDate(context.now.getTime(), true)),
  SET_TIMEZONE: eager(2, 2, (args) => {
    const date = toDate(argument(args, 0));
    const timeZone = formatFormulaValue(argument(args, 1)).trim();
    if (date === undefined || !isValidTimeZone(timeZone)) return formulaError();
    return formulaDate(date.epochMs, date.hasTime, timeZone);
  }),
  DATESTR: eager(1, 1, (args) => {
    const date = toDate(argument(args, 0));
    return date === undefined ? formulaError() : (formatDate(date, 'YYYY-MM-DD') ?? formulaError());
  }),
  YEAR: datePart((clock) => clock.year),
  MONTH: datePart((clock) => clock.month),
  DAY: datePart((clock) => clock.day),
  HOUR: datePart((clock) => clock.hour),
  MINUTE: datePart((clock) => clock.minute),
  SECOND: datePart((clock) => clock.second),
  // 0 (Sunday) to 6, or 0 (Monday) to 6 with "Monday" as the second argument.
  WEEKDAY: eager(1, 2, (args) => {
    const date = toDate(argument(args, 0));
    const clock = date === undefined ? undefined : wallClock(date.epochMs, date.timeZone);
    const start = args.length > 1 ? formatFormulaValue(argument(args, 1)).toLowerCase() : 'sunday';
    if (clock === undefined || (start !== 'sunday' && start !== 'monday')) return formulaError();
    return start === 'monday' ? (clock.weekday + 6) % 7 : clock.weekday;
  }),
};

function datePart(read: (clock: WallClock) => number): EagerFormulaFunction {
  return eager(1, 1, (args) => {
    const date = toDate(argument(args, 0));
    const clock = date === undefined ? undefined : wallClock(date.epochMs, date.timeZone);
    return clock === undefined ? formulaError() : read(clock);
  });
}

function withDates(
  args: readonly FormulaValue[],
  compute: (a: FormulaDate, b: FormulaDate) => FormulaValue,
): FormulaValue {
  const a = toDate(argument(args, 0));
  const b = toDate(argument(args, 1));
  return a === undefined || b === undefined ? formulaError() : compute(a, b);
}

function unitArgument(args: readonly FormulaValue[], index: number): DateUnit | undefined {
  return parseDateUnit(formatFormulaValue(argument(args, index)));
}

function isWholeDayUnit(unit: DateUnit): boolean {
  return (
    unit === 'day' || unit === 'week' || unit === 'month' || unit === 'quarter' || unit === 'year'
  );
}

function dateResult(epochMs: number, hasTime: boolean, timeZone?: string): FormulaValue {
  if (!Number.isFinite(epochMs) || Math.abs(epochMs) > MAX_EPOCH_MS) return formulaError();
  return formulaDate(epochMs, hasTime, timeZone);
}

import type { FormulaDate } from '../formula-value.ts';
import { MONTH_NAMES, WEEKDAY_NAMES } from './date-names.ts';
import { utcEpoch, wallClock } from './wall-clock.ts';
import type { WallClock } from './wall-clock.ts';

// moment.js's localized shorthands in the en locale, which Airtable's docs list as specifiers.
const LOCALIZED_FORMATS: Readonly<Record<string, string>> = {
  LTS: 'h:mm:ss A',
  LT: 'h:mm A',
  LLLL: 'dddd, MMMM D, YYYY h:mm A',
  LLL: 'MMMM D, YYYY h:mm A',
  LL: 'MMMM D, YYYY',
  L: 'MM/DD/YYYY',
  llll: 'ddd, MMM D, YYYY h:mm A',
  lll: 'MMM D, YYYY h:mm A',
  ll: 'MMM D, YYYY',
  l: 'M/D/YYYY',
};

// Longest alternatives first so `MMMM` is not read as `MM` twice; `[...]` is literal text.
const FORMAT_TOKEN =
  /\[([^\]]*)\]|LTS|LT|LLLL|LLL|LL|L|llll|lll|ll|l|YYYY|YY|Q|MMMM|MMM|MM|M|Do|DDDD|DDD|DD|D|dddd|ddd|dd|d|HH|H|hh|h|kk|k|mm|m|ss|s|SSS|SS|S|A|a|X|x|ZZ|Z/g;

/** ISO 8601 with the zone's offset, used when DATETIME_FORMAT gets no format. */
export const DEFAULT_DATE_FORMAT = 'YYYY-MM-DDTHH:mm:ss.SSSZ';

/**
 * Formats a date with moment.js-style specifiers (`YYYY-MM-DD`, `M/D/YYYY h:mm A`, `LL`,
 * `[at] HH:mm`...) in the date's time zone, UTC when it has none. Undefined when the zone is
 * unknown.
 */
export function formatDate(date: FormulaDate, pattern: string): string | undefined {
  const clock = wallClock(date.epochMs, date.timeZone);
  if (clock === undefined) return undefined;
  return renderPattern(pattern, clock, date.epochMs);
}

function renderPattern(pattern: string, clock: WallClock, epochMs: number): string {
  return pattern.replace(FORMAT_TOKEN, (token: string, literal: string | undefined) => {
    if (literal !== undefined) return literal;
    const localized = LOCALIZED_FORMATS[token];
    if (localized !== undefined) return renderPattern(localized, clock, epochMs);
    return renderToken(token, clock, epochMs);
  });
}

function renderToken(token: string, clock: WallClock, epochMs: number): string {
  const hour12 = clock.hour % 12 === 0 ? 12 : clock.hour % 12;
  switch (token) {
    case 'YYYY':
      return pad(clock.year, 4);
    case 'YY':
      return pad(clock.year % 100, 2);
    case 'Q':
      return String(Math.ceil(clock.month / 3));
    case 'MMMM':
      return monthName(clock.month);
    case 'MMM':
      return monthName(clock.month).slice(0, 3);
    case 'MM':
      return pad(clock.month, 2);
    case 'M':
      return String(clock.month);
    case 'Do':
      return ordinal(clock.day);
    case 'DDDD':
      return pad(dayOfYear(clock), 3);
    case 'DDD':
      return String(dayOfYear(clock));
    case 'DD':
      return pad(clock.day, 2);
    case 'D':
      return String(clock.day);
    case 'dddd':
      return weekdayName(clock.weekday);
    case 'ddd':
      return weekdayName(clock.weekday).slice(0, 3);
    case 'dd':
      return weekdayName(clock.weekday).slice(0, 2);
    case 'd':
      return String(clock.weekday);
    case 'HH':
      return pad(clock.hour, 2);
    case 'H':
      return String(clock.hour);
    case 'hh':
      return pad(hour12, 2);
    case 'h':
      return String(hour12);
    case 'kk':
      return pad(clock.hour === 0 ? 24 : clock.hour, 2);
    case 'k':
      return String(clock.hour === 0 ? 24 : clock.hour);
    case 'mm':
      return pad(clock.minute, 2);
    case 'm':
      return String(clock.minute);
    case 'ss':
      return pad(clock.second, 2);
    case 's':
      return String(clock.second);
    case 'SSS':
      return pad(clock.millisecond, 3);
    case 'SS':
      return pad(Math.floor(clock.millisecond / 10), 2);
    case 'S':
      return String(Math.floor(clock.millisecond / 100));
    case 'A':
      return clock.hour < 12 ? 'AM' : 'PM';
    case 'a':
      return clock.hour < 12 ? 'am' : 'pm';
    case 'X':
      return String(Math.floor(epochMs / 1000));
    case 'x':
      return String(epochMs);
    case 'ZZ':
      return offset(clock.offsetMinutes, '');
    default:
      return offset(clock.offsetMinutes, ':');
  }
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? '';
}

function weekdayName(weekday: number): string {
  return WEEKDAY_NAMES[weekday] ?? '';
}

function ordinal(day: number): string {
  const lastTwo = day % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${day}th`;
  const suffixes: Readonly<Record<number, string>> = { 1: 'st', 2: 'nd', 3: 'rd' };
  return `${day}${suffixes[day % 10] ?? 'th'}`;
}

function dayOfYear(clock: WallClock): number {
  const start = utcEpoch({ year: clock.year, month: 1, day: 1 });
  const today = utcEpoch({ year: clock.year, month: clock.month, day: clock.day });
  return Math.round((today - start) / 86_400_000) + 1;
}

function offset(minutes: number, separator: string): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60), 2)}${separator}${pad(absolute % 60, 2)}`;
}

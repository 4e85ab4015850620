import { formulaDate, isFormulaArray, isFormulaDate } from '../formula-value.ts';
import type { FormulaDate, FormulaValue } from '../formula-value.ts';
import { MONTH_NAMES } from './date-names.ts';
import { daysInMonth, utcEpoch } from './wall-clock.ts';

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

// What DATETIME_PARSE and date coercion try after ISO 8601, in order: the formats Airtable
// itself displays (US order first, as its default locale does) and written-out months.
const FALLBACK_FORMATS: readonly string[] = [
  'M/D/YYYY h:mm:ss a',
  'M/D/YYYY h:mm a',
  'M/D/YYYY H:mm:ss',
  'M/D/YYYY H:mm',
  'M/D/YYYY',
  'YYYY/M/D',
  'MMMM D, YYYY h:mm a',
  'MMMM D, YYYY',
  'MMMM D YYYY',
  'D MMMM YYYY',
];

// Tokens, `[literal text]`, runs of spaces, and any other single character (taken literally).
const PARSE_TOKEN =
  /\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|Do|DD|D|dddd|ddd|HH|H|hh|h|kk|k|mm|m|ss|s|SSS|SS|S|A|a|X|x|ZZ|Z|\s+|[\s\S]/g;

const MONTH_PATTERN = MONTH_NAMES.map((name) => `${name}|${name.slice(0, 3)}`).join('|');

// Each token's pattern and which part it fills. Names are matched case-insensitively.
const TOKEN_PATTERNS: Readonly<Record<string, { pattern: string; part: PartName | null }>> = {
  YYYY: { pattern: '\\d{4}', part: 'year' },
  YY: { pattern: '\\d{2}', part: 'shortYear' },
  MMMM: { pattern: MONTH_PATTERN, part: 'monthName' },
  MMM: { pattern: MONTH_PATTERN, part: 'monthName' },
  MM: { pattern: '\\d{1,2}', part: 'month' },
  M: { pattern: '\\d{1,2}', part: 'month' },
  Do: { pattern: '\\d{1,2}(?:st|nd|rd|th)', part: 'day' },
  DD: { pattern: '\\d{1,2}', part: 'day' },
  D: { pattern: '\\d{1,2}', part: 'day' },
  dddd: { pattern: '[a-z]+', part: null },
  ddd: { pattern: '[a-z]+', part: null },
  HH: { pattern: '\\d{1,2}', part: 'hour' },
  H: { pattern: '\\d{1,2}', part: 'hour' },
  hh: { pattern: '\\d{1,2}', part: 'hour12' },
  h: { pattern: '\\d{1,2}', part: 'hour12' },
  kk: { pattern: '\\d{1,2}', part: 'hour' },
  k: { pattern: '\\d{1,2}', part: 'hour' },
  mm: { pattern: '\\d{1,2}', part: 'minute' },
  m: { pattern: '\\d{1,2}', part: 'minute' },
  ss: { pattern: '\\d{1,2}', part: 'second' },
  s: { pattern: '\\d{1,2}', part: 'second' },
  SSS: { pattern: '\\d{1,3}', part: 'fraction' },
  SS: { pattern: '\\d{1,2}', part: 'fraction' },
  S: { pattern: '\\d', part: 'fraction' },
  A: { pattern: 'am|pm', part: 'meridiem' },
  a: { pattern: 'am|pm', part: 'meridiem' },
  X: { pattern: '-?\\d+(?:\\.\\d+)?', part: 'unixSeconds' },
  x: { pattern: '-?\\d+', part: 'unixMs' },
  ZZ: { pattern: 'Z|[+-]\\d{2}:?\\d{2}', part: 'offset' },
  Z: { pattern: 'Z|[+-]\\d{2}:?\\d{2}', part: 'offset' },
};

type PartName =
  | 'year'
  | 'shortYear'
  | 'monthName'
  | 'month'
  | 'day'
  | 'hour'
  | 'hour12'
  | 'minute'
  | 'second'
  | 'fraction'
  | 'meridiem'
  | 'unixSeconds'
  | 'unixMs'
  | 'offset';

type Parts = Partial<Record<PartName, string>>;

/**
 * A value where a date is expected: dates as they are, text that reads as a date (ISO 8601,
 * `M/D/YYYY`, `January 15, 2024`...) as that date, a one-item lookup through its text.
 * Undefined for blanks and anything else, which date functions report as an error.
 */
export function toDate(value: FormulaValue): FormulaDate | undefined {
  if (isFormulaDate(value)) return value;
  if (isFormulaArray(value) && value.length === 1 && value[0] !== undefined) {
    return toDate(value[0]);
  }
  if (typeof value !== 'string') return undefined;
  return parseDateText(value);
}

/** Reads text as a date: ISO 8601 first, then the usual display formats. UTC unless an offset is given. */
export function parseDateText(text: string): FormulaDate | undefined {
  const trimmed = text.trim();
  const iso = parseIsoDate(trimmed);
  if (iso !== undefined) return iso;
  for (const format of FALLBACK_FORMATS) {
    const parsed = parseWithFormat(trimmed, format, 1970);
    if (parsed !== undefined) return parsed;
  }
  return undefined;
}

/**
 * Reads text with a moment.js-style format (`DD.MM.YYYY`, `M/D/YY h:mm a`, `X`...). Parts the
 * format leaves out default to January 1 of `defaultYear`, midnight, UTC.
 */
export function parseWithFormat(
  text: string,
  format: string,
  defaultYear: number,
): FormulaDate | undefined {
  const names: (PartName | null)[] = [];
  const source = format.replace(PARSE_TOKEN, (token: string, literal: string | undefined) => {
    if (literal !== undefined) return escapeRegExp(literal);
    if (token.trim() === '') return '\\s+';
    const entry = TOKEN_PATTERNS[token];
    if (entry === undefined) return escapeRegExp(token);
    names.push(entry.part);
    return `(${entry.pattern})`;
  });
  const match = new RegExp(`^${source}$`, 'i').exec(text.trim());
  if (match === null) return undefined;
  const parts: Parts = {};
  names.forEach((name, index) => {
    const captured = match[index + 1];
    if (name !== null && captured !== undefined) parts[name] = captured;
  });
  return buildDate(parts, defaultYear, names.some(isTimePart));
}

function parseIsoDate(text: string): FormulaDate | undefined {
  const match = ISO_DATE.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const parts = stripUndefined({ year, month, day, hour, minute, second, fraction, offset: zone });
  return buildDate(parts, 1970, hour !== undefined);
}

function buildDate(parts: Parts, defaultYear: number, hasTime: boolean): FormulaDate | undefined {
  if (parts.unixMs !== undefined) return formulaDate(Number(parts.unixMs), true);
  if (parts.unixSeconds !== undefined) {
    return formulaDate(Math.round(Number(parts.unixSeconds) * 1000), true);
  }
  const year = resolveYear(parts, defaultYear);
  const month = resolveMonth(parts);
  const day = parts.day === undefined ? 1 : parseInt(parts.day, 10);
  const hour = resolveHour(parts);
  const minute = Number(parts.minute ?? 0);
  const second = Number(parts.second ?? 0);
  const millisecond = Math.floor(Number(`0.${parts.fraction ?? '0'}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const local = utcEpoch({ year, month, day, hour, minute, second, millisecond });
  const offsetMinutes = parseOffset(parts.offset);
  if (offsetMinutes === undefined) return undefined;
  return formulaDate(local - offsetMinutes * 60_000, hasTime);
}

function resolveYear(parts: Parts, defaultYear: number): number {
  if (parts.year !== undefined) return Number(parts.year);
  if (parts.shortYear === undefined) return defaultYear;
  // moment.js's pivot: 68 and below are this century, 69 and above the last.
  const short = Number(parts.shortYear);
  return short > 68 ? 1900 + short : 2000 + short;
}

function resolveMonth(parts: Parts): number {
  if (parts.monthName !== undefined) {
    const prefix = parts.monthName.slice(0, 3).toLowerCase();
    return MONTH_NAMES.findIndex((name) => name.slice(0, 3).toLowerCase() === prefix) + 1;
  }
  return parts.month === undefined ? 1 : Number(parts.month);
}

function resolveHour(parts: Parts): number {
  const meridiem = parts.meridiem?.toLowerCase();
  if (parts.hour12 !== undefined || meridiem !== undefined) {
    const hour = Number(parts.hour12 ?? parts.hour ?? 0);
    if (hour < 1 || hour > 12) return 99;
    return (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  const hour = Number(parts.hour ?? 0);
  // `k` counts 1-24; 24 is midnight.
  return hour === 24 ? 0 : hour;
}

function parseOffset(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (match === null) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

function isTimePart(name: PartName | null): boolean {
  return (
    name === 'hour' ||
    name === 'hour12' ||
    name === 'minute' ||
    name === 'second' ||
    name === 'unixSeconds' ||
    name === 'unixMs'
  );
}

function stripUndefined(parts: Record<string, string | undefined>): Parts {
  return Object.fromEntries(Object.entries(parts).filter(([, value]) => value !== undefined));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

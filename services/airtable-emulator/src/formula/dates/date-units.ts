import { daysInMonth, utcEpoch, wallClock } from './wall-clock.ts';

/** Units DATEADD, DATETIME_DIFF and IS_SAME accept, after resolving their spellings. */
export type DateUnit =
  'millisecond' | 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

// Airtable's shared unit specifiers are moment.js's: short forms are case-sensitive (`M` is
// months, `m` minutes), long forms are not and may be singular or plural.
const SHORT_UNITS: Readonly<Record<string, DateUnit>> = {
  ms: 'millisecond',
  s: 'second',
  m: 'minute',
  h: 'hour',
  d: 'day',
  w: 'week',
  M: 'month',
  Q: 'quarter',
  y: 'year',
};

const LONG_UNITS: ReadonlySet<string> = new Set<DateUnit>([
  'millisecond',
  'second',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'quarter',
  'year',
]);

const FIXED_UNIT_MS: Readonly<Partial<Record<DateUnit, number>>> = {
  millisecond: 1,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

/** Resolves `days`, `Day`, `d`, `M`, `quarters`... to a unit; undefined when unknown. */
export function parseDateUnit(text: string): DateUnit | undefined {
  const trimmed = text.trim();
  const short = SHORT_UNITS[trimmed];
  if (short !== undefined) return short;
  const singular = trimmed.toLowerCase().replace(/s$/, '');
  return LONG_UNITS.has(singular) ? (singular as DateUnit) : undefined;
}

/**
 * Adds `count` units to an instant, in UTC. Months, quarters and years move the calendar and
 * clamp the day (January 31 plus one month is the last day of February); like moment.js,
 * fractional days and months are rounded, smaller units are exact.
 */
export function addToDate(epochMs: number, count: number, unit: DateUnit): number {
  switch (unit) {
    case 'year':
      return addMonths(epochMs, Math.round(count * 12));
    case 'quarter':
      return addMonths(epochMs, Math.round(count * 3));
    case 'month':
      return addMonths(epochMs, Math.round(count));
    case 'week':
      return epochMs + Math.round(count * 7) * 86_400_000;
    case 'day':
      return epochMs + Math.round(count) * 86_400_000;
    default:
      return epochMs + count * (FIXED_UNIT_MS[unit] ?? 1);
  }
}

/**
 * `later - earlier` in whole units, truncated toward zero as moment.js's `diff` (which
 * Airtable's DATETIME_DIFF follows) does. Months count calendar months, so January 31 to
 * March 31 is 2 months.
 */
export function dateDifference(fromMs: number, toMs: number, unit: DateUnit): number {
  let difference: number;
  if (unit === 'month' || unit === 'quarter' || unit === 'year') {
    const months = monthDifference(fromMs, toMs);
    difference = unit === 'month' ? months : months / (unit === 'quarter' ? 3 : 12);
  } else {
    difference = (fromMs - toMs) / (FIXED_UNIT_MS[unit] ?? 1);
  }
  return Math.trunc(difference) || 0;
}

/** The start of the unit an instant falls in, in UTC; weeks start on Sunday. */
export function startOfUnit(epochMs: number, unit: DateUnit): number {
  const fixed = FIXED_UNIT_MS[unit];
  if (fixed !== undefined && unit !== 'day' && unit !== 'week') {
    return Math.floor(epochMs / fixed) * fixed;
  }
  const clock = wallClock(epochMs);
  if (clock === undefined) return epochMs;
  switch (unit) {
    case 'week':
      return utcEpoch({ year: clock.year, month: clock.month, day: clock.day - clock.weekday });
    case 'month':
      return utcEpoch({ year: clock.year, month: clock.month, day: 1 });
    case 'quarter':
      return utcEpoch({ year: clock.year, month: clock.month - ((clock.month - 1) % 3), day: 1 });
    case 'year':
      return utcEpoch({ year: clock.year, month: 1, day: 1 });
    default:
      return utcEpoch({ year: clock.year, month: clock.month, day: clock.day });
  }
}

function addMonths(epochMs: number, months: number): number {
  const clock = wallClock(epochMs);
  if (clock === undefined) return epochMs;
  const monthIndex = clock.year * 12 + (clock.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (((monthIndex % 12) + 12) % 12) + 1;
  return utcEpoch({
    year,
    month,
    day: Math.min(clock.day, daysInMonth(year, month)),
    hour: clock.hour,
    minute: clock.minute,
    second: clock.second,
    millisecond: clock.millisecond,
  });
}

// moment.js's monthDiff: whole calendar months between the two instants plus the fraction of
// the month around the anchor, so month ends line up.
function monthDifference(aMs: number, bMs: number): number {
  const a = wallClock(aMs);
  const b = wallClock(bMs);
  if (a === undefined || b === undefined) return Number.NaN;
  if (a.day < b.day) return -monthDifference(bMs, aMs);
  const wholeMonths = (b.year - a.year) * 12 + (b.month - a.month);
  const anchor = addMonths(aMs, wholeMonths);
  let adjust: number;
  if (bMs - anchor < 0) {
    const previous = addMonths(aMs, wholeMonths - 1);
    adjust = (bMs - anchor) / (anchor - previous);
  } else {
    const next = addMonths(aMs, wholeMonths + 1);
    adjust = (bMs - anchor) / (next - anchor);
  }
  return -(wholeMonths + adjust) || 0;
}

/** A moment split into calendar parts, as seen in one time zone. */
export interface WallClock {
  readonly year: number;
  /** 1 (January) to 12. */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /** 0 (Sunday) to 6. */
  readonly weekday: number;
  /** Minutes the zone is ahead of UTC at that moment (330 for Asia/Kolkata). */
  readonly offsetMinutes: number;
}

/** Calendar parts to build a UTC instant from; missing time parts are 0. */
export interface CalendarParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour?: number;
  readonly minute?: number;
  readonly second?: number;
  readonly millisecond?: number;
}

// Building an Intl formatter costs far more than using one, and a filter runs once per record.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The instant for calendar parts read as UTC. Unlike Date.UTC, years 0-99 stay as given. */
export function utcEpoch(parts: CalendarParts): number {
  const date = new Date(0);
  date.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  date.setUTCHours(parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0, parts.millisecond ?? 0);
  return date.getTime();
}

/** Days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(utcEpoch({ year, month: month + 1, day: 0 })).getUTCDate();
}

/** Whether `timeZone` is an IANA zone this runtime knows (`Europe/Paris`, `UTC`). */
export function isValidTimeZone(timeZone: string): boolean {
  return formatterFor(timeZone) !== undefined;
}

/**
 * Splits an instant into parts in `timeZone`, or in UTC when none is given. Undefined when the
 * zone is unknown.
 */
export function wallClock(epochMs: number, timeZone?: string): WallClock | undefined {
  if (timeZone === undefined) return utcWallClock(epochMs, 0);
  const formatter = formatterFor(timeZone);
  if (formatter === undefined) return undefined;
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const millisecond = ((epochMs % 1000) + 1000) % 1000;
  const local = utcEpoch({
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    millisecond,
  });
  return utcWallClock(local, Math.round((local - epochMs) / 60_000));
}

function utcWallClock(shiftedMs: number, offsetMinutes: number): WallClock {
  const date = new Date(shiftedMs);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millisecond: date.getUTCMilliseconds(),
    weekday: date.getUTCDay(),
    offsetMinutes,
  };
}

function formatterFor(timeZone: string): Intl.DateTimeFormat | undefined {
  const cached = formatters.get(timeZone);
  if (cached !== undefined) return cached;
  try {
    const formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
    return formatter;
  } catch {
    return undefined;
  }
}

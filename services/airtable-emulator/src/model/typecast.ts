/**
 * The conversions `typecast: true` performs on write, best effort as Airtable describes it:
 * strings into numbers, booleans, dates and select options; numbers and booleans into text.
 * Each returns undefined when the value cannot be converted.
 */

/** A number from `"1,234.5"`, `"$12"` or `"50%"` (as 0.5 when `percent`). */
export function numberFromText(text: string, percent: boolean): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const isPercent = trimmed.endsWith('%');
  const cleaned = trimmed.replace(/[,\s%]/g, '').replace(/^[^\d.+-]+/, '');
  if (cleaned === '') return undefined;
  const value = Number(cleaned);
  if (!Number.isFinite(value)) return undefined;
  return percent && isPercent ? value / 100 : value;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'checked', 'on', 'x']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'unchecked', 'off', '']);

/** A checkbox state from a word such as `yes`, `true`, `checked`, `no` or `false`. */
export function booleanFromText(text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Whether `text` is a real calendar day written `YYYY-MM-DD`. */
export function isIsoDay(text: string): boolean {
  const match = ISO_DAY.exec(text);
  if (match === null) return false;
  const epoch = Date.parse(`${text}T00:00:00.000Z`);
  return !Number.isNaN(epoch) && new Date(epoch).toISOString().startsWith(text);
}

/**
 * Epoch milliseconds of an ISO 8601 day or timestamp (what the API accepts without typecast);
 * a timestamp without an offset is read as UTC. NaN when `text` is not one.
 */
export function epochFromIso(text: string): number {
  if (isIsoDay(text)) return Date.parse(`${text}T00:00:00.000Z`);
  if (!ISO_TIMESTAMP.test(text)) return Number.NaN;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text);
  return Date.parse(hasZone ? text : `${text}Z`);
}

/** Epoch milliseconds of any date text JavaScript can read (for typecast); NaN otherwise. */
export function epochFromAnyText(text: string): number {
  const iso = epochFromIso(text.trim());
  if (!Number.isNaN(iso)) return iso;
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) return Number.NaN;
  // A date without a time ("March 7, 2026") is parsed in local time; take its calendar day.
  const local = new Date(parsed);
  return /\d{1,2}:\d{2}/.test(text)
    ? parsed
    : Date.UTC(local.getFullYear(), local.getMonth(), local.getDate());
}

/** Text from a number or boolean, for text fields under typecast. */
export function textFromScalar(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}

/**
 * Dates for seed data, counted from a fixed reference day instead of today so that the same
 * seed gives the same records whatever day it runs.
 */

/** The day demo data is "as of": deals close in the 12 months before it and 3 months after. */
export const DEMO_REFERENCE_DATE = '2026-11-01';

const DAY_MS = 86_400_000;

/** Milliseconds since the epoch at midnight UTC of `isoDate` (YYYY-MM-DD). */
export function dayStart(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00.000Z`);
}

/** `isoDate` moved by `days` (negative goes back), as YYYY-MM-DD. */
export function addDays(isoDate: string, days: number): string {
  return new Date(dayStart(isoDate) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayStart(to) - dayStart(from)) / DAY_MS);
}

/** An ISO 8601 timestamp (as Airtable writes them) at `hour`:`minute` UTC on `isoDate`. */
export function timestampOn(isoDate: string, hour: number, minute = 0): string {
  return new Date(dayStart(isoDate) + (hour * 60 + minute) * 60_000).toISOString();
}

/** `isoDate`, or `latest` when it is later: records are never created after the data's day. */
export function notAfter(isoDate: string, latest: string): string {
  return isoDate <= latest ? isoDate : latest;
}

import type { UsageToday } from '../api/platform-api.ts';

/** Today's tokens as the dashboard shows them. */
export interface UsageSummary {
  /** The bar's value: what was used, never beyond the limit it is drawn against. */
  readonly value: number;
  readonly max: number;
  /** Whole percent used, capped at 100. */
  readonly percent: number;
  /** "1,234 of 100,000 tokens used today". */
  readonly text: string;
  /** No question is answered until the reset. */
  readonly exhausted: boolean;
}

/**
 * Today's tokens against the daily limit. A day may end slightly over its quota (a turn in
 * progress is never cut off), so the bar is capped while the text keeps the true count.
 */
export function usageSummary(usage: UsageToday, locale?: string): UsageSummary {
  const { used, limit } = usage.tokens;
  const max = Math.max(limit, 1);
  return {
    value: Math.min(used, max),
    max,
    percent: Math.min(100, Math.floor((used / max) * 100)),
    text: `${used.toLocaleString(locale)} of ${limit.toLocaleString(locale)} tokens used today`,
    exhausted: used >= limit,
  };
}

import { describe, expect, it } from 'vitest';
import type { UsageToday } from '../../src/api/platform-api.ts';
import { usageSummary } from '../../src/dashboard/usage-summary.ts';

function usage(used: number, limit: number): UsageToday {
  return {
    day: '2026-05-01',
    tokens: { used, limit, resetsAt: '2026-05-02T00:00:00.000Z' },
    requests: { today: 3 },
    chatRequestsPerMinute: { limit: 60 },
  };
}

describe('usageSummary', () => {
  it('says how many tokens of the limit are used', () => {
    expect(usageSummary(usage(1234, 100_000), 'en-US')).toEqual({
      value: 1234,
      max: 100_000,
      percent: 1,
      text: '1,234 of 100,000 tokens used today',
      exhausted: false,
    });
  });

  it('caps the bar at the limit for a day that ended over it, keeping the true count', () => {
    const summary = usageSummary(usage(100_500, 100_000), 'en-US');
    expect(summary).toMatchObject({ value: 100_000, percent: 100, exhausted: true });
    expect(summary.text).toContain('100,500 of 100,000');
  });

  it('treats a zero limit as used up without dividing by zero', () => {
    expect(usageSummary(usage(0, 0), 'en-US')).toMatchObject({
      max: 1,
      percent: 0,
      exhausted: true,
    });
  });
});

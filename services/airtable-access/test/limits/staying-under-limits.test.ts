import { afterEach, describe, expect, it } from 'vitest';
import {
  BASE_A,
  BASE_B,
  metricValue,
  startHarness,
  type Harness,
} from '../support/access-harness.ts';
import { createFastClock } from '../support/fake-clock.ts';

// Against a fake that enforces Airtable's limits as strictly as they can be read (at most 5
// requests to a base in any 1000 ms, 429 beyond and for 30 s after), on a clock running four
// times faster than real time so the seconds this takes pass in a quarter of the time.
describe('staying under Airtable’s limits', () => {
  let harness: Harness | undefined;

  afterEach(async () => {
    await harness?.close();
  });

  it('creates 200 records for 200 concurrent callers with no 429 and at most 21 requests', async () => {
    harness = await startHarness({ clock: createFastClock(4), fake: { enforceLimits: true } });
    const access = harness.access;

    const created = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        access.createRecords(BASE_A, 'Deals', [{ fields: { Name: `deal ${index}` } }]),
      ),
    );

    expect(harness.fake.rateLimited()).toBe(0);
    expect(harness.fake.count({ route: 'create' })).toBeLessThanOrEqual(21);
    expect(created.map(([record]) => record?.fields['Name'])).toEqual(
      Array.from({ length: 200 }, (_, index) => `deal ${index}`),
    );
    expect(new Set(created.map(([record]) => record?.id)).size).toBe(200);
    expect(await metricValue(harness.registry, 'airtable_rate_limited_total')).toBe(0);
  });

  it('spreads reads of two bases and two replicas without a 429', async () => {
    harness = await startHarness({ clock: createFastClock(4), fake: { enforceLimits: true } });
    const replicas = [harness.access, harness.replica()];

    // Different pages defeat the cache: every call is a request.
    await Promise.all(
      replicas.flatMap((access) =>
        [BASE_A, BASE_B].flatMap((baseId) =>
          Array.from({ length: 6 }, (_, page) =>
            access.listRecords(baseId, 'Contacts', { pageSize: page + 1 }),
          ),
        ),
      ),
    );

    expect(harness.fake.count({ route: 'list' })).toBe(12);
    expect(harness.fake.rateLimited()).toBe(0);
  });
});

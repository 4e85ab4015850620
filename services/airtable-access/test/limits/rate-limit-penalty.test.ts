import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BASE_A,
  BASE_B,
  metricValue,
  startHarness,
  type Harness,
} from '../support/access-harness.ts';
import {
  advanceInSteps,
  createManualClock,
  driveUntilSettled,
  eventually,
  type ManualClock,
} from '../support/fake-clock.ts';
import type { FakeRequest } from '../support/fake-airtable.ts';

// A 429 from Airtable anyway (another client on the same base, say): the base is paused for
// 30 s, recorded in the store so every replica honours it, and requests queue behind the
// pause instead of failing at once or hammering. Time is a manual clock: 30 s pass at once.
describe('after a 429', () => {
  let clock: ManualClock;
  let harness: Harness;
  const dealsOf = (baseId: string) => harness.tables.get(baseId)?.deals.id ?? '';
  const listsOf = (baseId: string) => harness.fake.count({ route: 'list', base: baseId });
  const pauseKey = `airtable:pause:base:${BASE_A}`;
  const onBaseA = {
    when: (request: FakeRequest) => request.route === 'list' && request.base === BASE_A,
  };

  beforeEach(async () => {
    clock = createManualClock();
    harness = await startHarness({ clock });
  });
  afterEach(async () => {
    await harness.close();
  });

  it('pauses that base for 30 s in every replica while other bases carry on', async () => {
    harness.fake.script({ status: 429, type: 'RATE_LIMIT_REACHED' }, onBaseA);
    const penalizedAt = clock.now();

    const first = harness.access.listRecords(BASE_A, dealsOf(BASE_A));
    await eventually(async () => (await harness.store.get(pauseKey)) !== undefined);
    expect(await harness.store.get(pauseKey)).toBe(penalizedAt + 30_000);

    const otherBase = harness.access.listRecords(BASE_B, dealsOf(BASE_B));
    await expect(driveUntilSettled(clock, otherBase, 10)).resolves.toEqual({ records: [] });
    const otherReplica = harness.replica().listRecords(BASE_A, dealsOf(BASE_A), { pageSize: 5 });
    await advanceInSteps(clock, penalizedAt + 29_900 - clock.now(), 500);
    expect(listsOf(BASE_A)).toBe(1);

    await advanceInSteps(clock, 1_000, 100);
    await expect(first).resolves.toEqual({ records: [] });
    await expect(otherReplica).resolves.toEqual({ records: [] });
    expect(listsOf(BASE_A)).toBe(3);
    expect(harness.fake.rateLimited()).toBe(1);
    expect(
      await metricValue(harness.registry, 'airtable_rate_limited_total', { base: BASE_A }),
    ).toBe(1);
    expect(
      await metricValue(harness.registry, 'airtable_retries_total', {
        operation: 'listRecords',
        reason: '429',
      }),
    ).toBe(1);
    expect(
      await metricValue(harness.registry, 'airtable_queue_wait_seconds', {}, 'sum'),
    ).toBeGreaterThan(29);
  });

  it('fails with a clear error when the pause outlasts the allowed queue wait', async () => {
    const access = harness.replica({ limits: { maxQueueWaitMs: 10_000 } });
    harness.fake.script({ status: 429, type: 'RATE_LIMIT_REACHED' }, onBaseA);

    const first = access.listRecords(BASE_A, dealsOf(BASE_A)).catch((error: unknown) => error);
    await eventually(async () => (await harness.store.get(pauseKey)) !== undefined);
    const later = await access
      .listRecords(BASE_A, dealsOf(BASE_A), { pageSize: 1 })
      .catch((error: unknown) => error);

    for (const error of [await driveUntilSettled(clock, first, 100), later]) {
      expect(error).toMatchObject({ code: 'AIRTABLE_QUEUE_FULL', status: 503 });
      expect((error as { detail: string }).detail).toMatch(
        /^Airtable rate limit queue for base appAAAAAAAAAAAAAA is full: waited \d+ ms and would wait \d+ ms more, over the 10000 ms allowed$/,
      );
    }
    expect((later as { detail: string }).detail).toContain('would wait 30000 ms more');
    expect(listsOf(BASE_A)).toBe(1);
  });
});

import { createMemoryStore } from '@pyairtable/kit';
import type { SharedStore } from '@pyairtable/kit';
import { Registry } from 'prom-client';
import type { AirtableAccessOptions } from '../../src/access-options.ts';
import type { Clock } from '../../src/clock.ts';
import { createAirtableAccess } from '../../src/create-airtable-access.ts';
import type { AirtableAccess } from '../../src/create-airtable-access.ts';
import { createFastClock } from './fake-clock.ts';
import { startFakeAirtable } from './fake-airtable.ts';
import type { FakeAirtable, FakeAirtableOptions } from './fake-airtable.ts';
import type { FakeTable } from './fake-airtable-data.ts';

export const BASE_A = 'appAAAAAAAAAAAAAA';
export const BASE_B = 'appBBBBBBBBBBBBBB';

/** A fake Airtable with two bases, each with Deals and Contacts, and an access layer on it. */
export interface Harness {
  readonly fake: FakeAirtable;
  readonly store: SharedStore;
  readonly clock: Clock;
  readonly registry: Registry;
  readonly access: AirtableAccess;
  /** Deals and Contacts of each base, by base id. */
  readonly tables: ReadonlyMap<string, { deals: FakeTable; contacts: FakeTable }>;
  /** Another access layer (another replica) on the same fake, store and clock. */
  replica(overrides?: Partial<AirtableAccessOptions>): AirtableAccess;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Default: real time running 50 times faster, so limiter spacing costs ~4 ms. */
  readonly clock?: Clock;
  readonly fake?: Omit<FakeAirtableOptions, 'now'>;
  readonly access?: Partial<AirtableAccessOptions>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = options.clock ?? createFastClock(50);
  const fake = await startFakeAirtable({ ...options.fake, now: () => clock.now() });
  const tables = new Map<string, { deals: FakeTable; contacts: FakeTable }>();
  for (const baseId of [BASE_A, BASE_B]) {
    fake.addBase(baseId);
    tables.set(baseId, {
      deals: fake.addTable(baseId, 'Deals', [
        { name: 'Name', type: 'singleLineText' },
        {
          name: 'Stage',
          type: 'singleSelect',
          options: { choices: [{ name: 'Lead' }, { name: 'Closed Won' }] },
        },
        { name: 'Amount', type: 'number' },
      ]),
      contacts: fake.addTable(baseId, 'Contacts', [
        { name: 'Name', type: 'singleLineText' },
        { name: 'Email', type: 'email' },
      ]),
    });
  }
  const store = createMemoryStore({ now: () => clock.now() });
  const registry = new Registry();
  const replica = (overrides: Partial<AirtableAccessOptions> = {}) =>
    createAirtableAccess({
      endpointUrl: fake.url,
      token: fake.token,
      store,
      registry,
      clock,
      random: () => 0.5,
      ...options.access,
      ...overrides,
    });
  return {
    fake,
    store,
    clock,
    registry,
    access: replica(),
    tables,
    replica,
    async close() {
      await store.close();
      await fake.close();
    },
  };
}

/**
 * The sum of a metric's series matching `labels`, 0 when there are none. For histograms pass
 * `series` (`count` or `sum`).
 */
export async function metricValue(
  registry: Registry,
  name: string,
  labels: Readonly<Record<string, string>> = {},
  series?: 'count' | 'sum',
): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (metric === undefined) return 0;
  const wanted = series === undefined ? name : `${name}_${series}`;
  const { values } = await metric.get();
  return values
    .filter(
      (value) =>
        ((value as { metricName?: string }).metricName ?? name) === wanted &&
        Object.entries(labels).every(([key, label]) => String(value.labels[key]) === label),
    )
    .reduce((sum, value) => sum + value.value, 0);
}

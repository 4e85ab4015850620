import type { JsonValue, SharedStore } from '@pyairtable/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordPage } from '../../src/airtable-types.ts';
import { createAirtableAccess } from '../../src/create-airtable-access.ts';
import {
  BASE_A,
  BASE_B,
  metricValue,
  startHarness,
  type Harness,
} from '../support/access-harness.ts';

describe('record reads', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness({
      fake: { tokens: { 'patFake.token': '*', 'patOther.token': '*' } },
    });
    harness.fake.seed(
      BASE_A,
      'Deals',
      Array.from({ length: 250 }, (_, index) => ({ Name: `Deal ${index}`, Amount: index })),
    );
  });
  afterEach(async () => {
    await harness.close();
  });

  it('lists one page with the parameters Airtable expects', async () => {
    const page = await harness.access.listRecords(BASE_A, 'Deals', {
      fields: ['Name', 'Amount'],
      filterByFormula: '{Amount} > 5',
      sort: [{ field: 'Amount', direction: 'desc' }, { field: 'Name' }],
      pageSize: 20,
      view: 'Grid view',
      returnFieldsByFieldId: false,
    });

    expect(page.records).toHaveLength(20);
    expect(page.offset).toBe('itr20');
    const { query } = harness.fake.requests.at(-1) ?? { query: new URLSearchParams() };
    expect(query.getAll('fields[]')).toEqual(['Name', 'Amount']);
    expect(query.get('filterByFormula')).toBe('{Amount} > 5');
    expect(query.get('sort[0][field]')).toBe('Amount');
    expect(query.get('sort[0][direction]')).toBe('desc');
    expect(query.get('sort[1][field]')).toBe('Name');
    expect(query.get('pageSize')).toBe('20');
    expect(query.get('view')).toBe('Grid view');
  });

  it('iterates every page, fetching each only when asked for', async () => {
    const sizes: number[] = [];
    const iterator = harness.access.listAllRecords(BASE_A, 'Deals', { pageSize: 100 });

    const first = await iterator.next();
    expect(harness.fake.count({ route: 'list' })).toBe(1);
    sizes.push((first.value as RecordPage).records.length);
    for await (const page of iterator) sizes.push(page.records.length);

    expect(sizes).toEqual([100, 100, 50]);
    expect(harness.fake.count({ route: 'list' })).toBe(3);
  });

  it('sends a query too long for a URL as POST listRecords', async () => {
    const formula = `OR(${Array.from({ length: 800 }, (_, i) => `{Name} = "Deal ${i}"`).join(', ')})`;

    const page = await harness.access.listRecords(BASE_A, 'Deals', {
      filterByFormula: formula,
      pageSize: 5,
      timeZone: 'Europe/Paris',
    });

    const request = harness.fake.requests.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.path).toMatch(/\/Deals\/listRecords$/);
    expect(request?.body).toMatchObject({ filterByFormula: formula, pageSize: 5 });
    expect(request?.query.get('timeZone')).toBe('Europe/Paris');
    expect(page.records).toHaveLength(5);
  });

  it('serves 100 concurrent identical reads with one call to Airtable', async () => {
    const pages = await Promise.all(
      Array.from({ length: 100 }, () =>
        harness.access.listRecords(BASE_A, 'Deals', { pageSize: 10 }),
      ),
    );

    expect(harness.fake.count({ route: 'list' })).toBe(1);
    expect(new Set(pages.map((page) => JSON.stringify(page))).size).toBe(1);
    const cache = (result: string) =>
      metricValue(harness.registry, 'airtable_cache_requests_total', { kind: 'records', result });
    expect(await cache('miss')).toBe(1);
    expect(await cache('hit')).toBe(99);
  });

  it('forgets cached reads of a table written to, and only of that table', async () => {
    const deals = () => harness.access.listRecords(BASE_A, 'Deals', { pageSize: 5 });
    const contacts = () => harness.access.listRecords(BASE_A, 'Contacts');
    const otherBase = () => harness.access.listRecords(BASE_B, 'Deals');
    const record = await harness.access.getRecord(
      BASE_A,
      'Deals',
      (await deals()).records[0]?.id ?? '',
    );
    await Promise.all([contacts(), otherBase(), deals()]);
    const listsBefore = harness.fake.count({ route: 'list' });

    await harness.access.updateRecords(BASE_A, 'Deals', [
      { id: record.id, fields: { Amount: 999 } },
    ]);
    await Promise.all([contacts(), otherBase()]);
    expect(harness.fake.count({ route: 'list' })).toBe(listsBefore);

    const [page, reread] = await Promise.all([
      deals(),
      harness.access.getRecord(BASE_A, 'Deals', record.id),
    ]);
    expect(harness.fake.count({ route: 'list' })).toBe(listsBefore + 1);
    expect(harness.fake.count({ route: 'get' })).toBe(2);
    expect(reread.fields['Amount']).toBe(999);
    expect(page.records.find((entry) => entry.id === record.id)?.fields['Amount']).toBe(999);
  });

  it('treats a table named by name and by id as one table', async () => {
    const tableId = harness.tables.get(BASE_A)?.deals.id ?? '';
    await harness.access.listRecords(BASE_A, tableId, { pageSize: 1 });

    await harness.access.createRecords(BASE_A, 'Deals', [{ fields: { Name: 'New' } }]);
    await harness.access.listRecords(BASE_A, tableId, { pageSize: 1 });

    expect(harness.fake.count({ route: 'list' })).toBe(2);
  });

  it('keeps each token’s cached reads apart, and tokens out of the keys', async () => {
    const keys: string[] = [];
    const store = recordingKeys(harness.store, keys);
    const other = createAirtableAccess({
      endpointUrl: harness.fake.url,
      token: 'patOther.token',
      store,
      clock: harness.clock,
    });
    const first = createAirtableAccess({
      endpointUrl: harness.fake.url,
      token: harness.fake.token,
      store,
      clock: harness.clock,
    });

    await first.listRecords(BASE_A, 'Deals', { pageSize: 3 });
    await other.listRecords(BASE_A, 'Deals', { pageSize: 3 });

    expect(harness.fake.count({ route: 'list' })).toBe(2);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => key.includes('patFake') || key.includes('patOther'))).toEqual([]);
  });

  it('answers a missing record with a typed 404, without retrying', async () => {
    const error = await harness.access
      .getRecord(BASE_A, 'Deals', 'recMISSING0000000')
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({
      code: 'AIRTABLE_NOT_FOUND',
      status: 404,
      extensions: { airtable: { type: 'NOT_FOUND', status: 404 } },
    });
    expect(harness.fake.count({ route: 'get' })).toBe(1);
  });

  it('refuses ids and parameters Airtable would refuse before sending anything', async () => {
    await expect(harness.access.getRecord(BASE_A, 'Deals', '../../meta/whoami')).rejects.toThrow(
      /not an Airtable record id/,
    );
    await expect(harness.access.listRecords('not-a-base', 'Deals')).rejects.toThrow(
      /not an Airtable base id/,
    );
    await expect(harness.access.listRecords(BASE_A, 'Deals', { pageSize: 101 })).rejects.toThrow(
      /pageSize must be an integer from 1 to 100/,
    );
    expect(harness.fake.requests).toHaveLength(0);
  });
});

/** The store, noting every key used. */
function recordingKeys(store: SharedStore, keys: string[]): SharedStore {
  const note = (key: string) => {
    keys.push(key);
    return key;
  };
  return {
    ...store,
    get: (key) => store.get(note(key)),
    set: (key, value, ttlMs) => store.set(note(key), value, ttlMs),
    getOrLoad: <T extends JsonValue>(key: string, ttlMs: number, load: () => Promise<T>) =>
      store.getOrLoad(note(key), ttlMs, load),
    consume: (key, limit) => store.consume(note(key), limit),
  };
}

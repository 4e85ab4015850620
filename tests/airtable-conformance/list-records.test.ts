/**
 * Listing the demo Deals table (exactly 250 records) through airtable.js and the access
 * layer: pages and cursors, sort, fields and views. Expected answers come from a full
 * unfiltered read, not from the emulator's own sorting or filtering.
 */
import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAccessLayer } from './support/access-layer-client.ts';
import { CLIENT_KINDS } from './support/client-kinds.ts';
import { listAll } from './support/conformance-client.ts';
import type { TableRecord } from './support/conformance-client.ts';

import { idsOf, numberCell, stageRank, textCell } from './support/deal-cells.ts';
import { startListeningEmulator } from './support/listening-emulator.ts';
import type { ListeningEmulator } from './support/listening-emulator.ts';
import { useDealsClient } from './support/deals-client.ts';

const DEAL_COUNT = 250;

let emulator: ListeningEmulator;
beforeAll(async () => {
  emulator = await startListeningEmulator();
});
afterAll(() => emulator.close());

/** Compares by each key in turn; keys are [value, direction]. */
function byKeys(keysOf: (record: TableRecord) => readonly [string | number, 'asc' | 'desc'][]) {
  return (left: TableRecord, right: TableRecord): number => {
    const leftKeys = keysOf(left);
    const rightKeys = keysOf(right);
    for (const [index, [value, direction]] of leftKeys.entries()) {
      const other = rightKeys[index]?.[0] ?? value;
      if (value === other) continue;
      const order = value < other ? -1 : 1;
      return direction === 'asc' ? order : -order;
    }
    return 0;
  };
}

describe.each(CLIENT_KINDS)('listing records through $name', (kind) => {
  const deals = useDealsClient(kind, () => emulator);

  it('reads 250 records in pages of 100, 100 and 50', async () => {
    const pages = await deals.client.listPages('Deals');
    expect(pages.map((page) => page.length)).toEqual([100, 100, 50]);
    expect(new Set(idsOf(pages.flat())).size).toBe(DEAL_COUNT);
  });

  it('sorts by a select (in choice order) ascending, then by amount descending', async () => {
    const sorted = await listAll(deals.client, 'Deals', {
      sort: [
        { field: 'Stage', direction: 'asc' },
        { field: 'Amount', direction: 'desc' },
      ],
    });
    const keys = (record: TableRecord) => [stageRank(record), numberCell(record, 'Amount')];
    const expected = deals.allDeals.toSorted(
      byKeys((record) => [
        [stageRank(record), 'asc'],
        [numberCell(record, 'Amount') ?? 0, 'desc'],
      ]),
    );
    expect(sorted).toHaveLength(DEAL_COUNT);
    expect(sorted.map(keys)).toEqual(expected.map(keys));
  });

  it('sorts by text descending, then by date ascending', async () => {
    const sorted = await listAll(deals.client, 'Deals', {
      sort: [
        { field: 'Owner', direction: 'desc' },
        { field: 'Close Date', direction: 'asc' },
      ],
    });
    const keys = (record: TableRecord) => [
      textCell(record, 'Owner'),
      textCell(record, 'Close Date'),
    ];
    const expected = deals.allDeals.toSorted(
      byKeys((record) => [
        [textCell(record, 'Owner') ?? '', 'desc'],
        [textCell(record, 'Close Date') ?? '', 'asc'],
      ]),
    );
    expect(sorted.map(keys)).toEqual(expected.map(keys));
  });

  it('returns only the requested fields', async () => {
    const records = await listAll(deals.client, 'Deals', { fields: ['Name', 'Amount'] });
    expect(records).toHaveLength(DEAL_COUNT);
    for (const record of records) {
      expect(Object.keys(record.fields).toSorted()).toEqual(['Amount', 'Name']);
    }
  });

  it('applies a view\'s filter and sort ("Open pipeline": not closed, by close date)', async () => {
    const inView = await listAll(deals.client, 'Deals', { view: 'Open pipeline' });
    const open = deals.allDeals.filter(
      (record) => !['Closed Won', 'Closed Lost'].includes(textCell(record, 'Stage') ?? ''),
    );
    expect(idsOf(inView).toSorted()).toEqual(idsOf(open).toSorted());
    const dates = inView.map((record) => textCell(record, 'Close Date') ?? '');
    expect(dates).toEqual(dates.toSorted());
  });

  it('applies a view\'s filter and sort ("Big deals": over 10,000, largest first)', async () => {
    const inView = await listAll(deals.client, 'Deals', { view: 'Big deals' });
    const big = deals.allDeals.filter((record) => (numberCell(record, 'Amount') ?? 0) > 10_000);
    expect(idsOf(inView).toSorted()).toEqual(idsOf(big).toSorted());
    const amounts = inView.map((record) => numberCell(record, 'Amount') ?? 0);
    expect(amounts).toEqual(amounts.toSorted((left, right) => right - left));
  });

  it('filters inside a view with filterByFormula, keeping the view order', async () => {
    const inView = await listAll(deals.client, 'Deals', { view: 'Big deals' });
    const filtered = await listAll(deals.client, 'Deals', {
      view: 'Big deals',
      filterByFormula: "{Stage} = 'Closed Won'",
    });
    const expected = inView.filter((record) => textCell(record, 'Stage') === 'Closed Won');
    expect(expected.length).toBeGreaterThan(0);
    expect(idsOf(filtered)).toEqual(idsOf(expected));
  });
});

// airtable.js cannot fetch one page from Airtable's string cursor (its `offset` is a number),
// so paging by hand is the access layer's alone.
describe('paging by hand through the access layer', () => {
  it('follows the offset cursor page by page to the same 250 records', async () => {
    const { access, close } = openAccessLayer({ endpointUrl: emulator.endpointUrl });
    try {
      const first = await access.listRecords(DEMO_SALES_BASE_ID, 'Deals');
      expect(first.records).toHaveLength(100);
      expect(first.offset).toEqual(expect.any(String));
      const second = await access.listRecords(DEMO_SALES_BASE_ID, 'Deals', {
        offset: first.offset ?? '',
      });
      expect(second.records).toHaveLength(100);
      const third = await access.listRecords(DEMO_SALES_BASE_ID, 'Deals', {
        offset: second.offset ?? '',
      });
      expect(third.records).toHaveLength(50);
      expect(third.offset).toBeUndefined();

      const byHand = [first, second, third].flatMap((page) => page.records.map((r) => r.id));
      const iterated: string[] = [];
      for await (const page of access.listAllRecords(DEMO_SALES_BASE_ID, 'Deals')) {
        iterated.push(...page.records.map((record) => record.id));
      }
      expect(new Set(byHand).size).toBe(DEAL_COUNT);
      expect(iterated).toEqual(byHand);
    } finally {
      await close();
    }
  });
});

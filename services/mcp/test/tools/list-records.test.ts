import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { describe, expect, it } from 'vitest';
import { dataOf, textOf, useSession } from '../support/mcp-harness.ts';

interface Page {
  records: { id: string; fields: Record<string, unknown> }[];
  count: number;
  nextCursor?: string;
}

describe('list_records', () => {
  const suite = useSession({ allowedBaseIds: [DEMO_SALES_BASE_ID] });
  const base = { baseId: DEMO_SALES_BASE_ID, table: 'Deals' };

  it('pages through the 250 deals as 100, 100 and 50 with the cursor', async () => {
    const sizes: number[] = [];
    const ids = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = dataOf<Page>(
        await suite.session.call('list_records', {
          ...base,
          ...(cursor === undefined ? {} : { cursor }),
        }),
      );
      sizes.push(page.count);
      for (const record of page.records) ids.add(record.id);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(sizes).toEqual([100, 100, 50]);
    expect(ids.size).toBe(250);
  });

  it('narrows with fields, a structured filter and sort', async () => {
    const page = dataOf<Page>(
      await suite.session.call('airtable_list_records', {
        ...base,
        fields: ['Name', 'Amount'],
        filter: {
          and: [
            { field: 'Stage', op: 'eq', value: 'Closed Won' },
            { field: 'Amount', op: 'gt', value: 20000 },
          ],
        },
        sort: [{ field: 'Amount', direction: 'desc' }],
        pageSize: 5,
      }),
    );
    expect(page.count).toBeGreaterThan(0);
    const amounts = page.records.map((record) => record.fields['Amount'] as number);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(amounts.every((amount) => amount > 20000)).toBe(true);
    expect(Object.keys(page.records[0]?.fields ?? {}).sort()).toEqual(['Amount', 'Name']);
  });

  it('names the valid fields for an unknown field', async () => {
    const result = await suite.session.call('list_records', { ...base, fields: ['Amout'] });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('no field "Amout"');
    expect(textOf(result)).toContain('"Amount"');
  });

  it('names the valid fields and views for a typo in a filter or a view', async () => {
    const filter = await suite.session.call('list_records', {
      ...base,
      filter: { field: 'Stag', op: 'eq', value: 'Closed Won' },
    });
    expect(filter.isError).toBe(true);
    expect(textOf(filter)).toContain('"Stage"');
    const view = await suite.session.call('list_records', { ...base, view: 'Open pipe' });
    expect(view.isError).toBe(true);
    expect(textOf(view)).toContain('"Open pipeline"');
  });

  it('keeps only the records of a view', async () => {
    const page = dataOf<Page>(
      await suite.session.call('list_records', {
        ...base,
        view: 'Open pipeline',
        fields: ['Stage'],
      }),
    );
    expect(page.count).toBeGreaterThan(0);
    expect(
      page.records.every((record) => !String(record.fields['Stage']).startsWith('Closed')),
    ).toBe(true);
  });

  it('passes Airtable formula errors back as an isError result', async () => {
    const result = await suite.session.call('list_records', {
      ...base,
      filterByFormula: 'AND({Amount} >',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/formula/i);
  });

  it('rejects a page size over 100 and a missing table', async () => {
    const big = await suite.session.call('list_records', { ...base, pageSize: 500 });
    expect(big.isError).toBe(true);
    expect(textOf(big)).toMatch(/pageSize/);
    const missing = await suite.session.call('list_records', { baseId: DEMO_SALES_BASE_ID });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/table/);
  });
});

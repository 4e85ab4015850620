import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { describe, expect, it } from 'vitest';
import { dataOf, textOf, useSession } from '../support/mcp-harness.ts';

interface Written {
  records: { id: string; fields: Record<string, unknown> }[];
  count: number;
}

describe('create_records', () => {
  const suite = useSession({ allowedBaseIds: [DEMO_SALES_BASE_ID], role: 'editor' });
  const base = { baseId: DEMO_SALES_BASE_ID, table: 'Deals' };

  it('creates more than one batch of records and they can be read back', async () => {
    const records = Array.from({ length: 23 }, (_, index) => ({
      fields: { Name: `Batch deal ${String(index)}`, Amount: index * 100 },
    }));
    const created = dataOf<Written>(
      await suite.session.call('create_records', { ...base, records }),
    );
    expect(created.count).toBe(23);
    const first = created.records[0];
    const read = await suite.airtable.access.getRecord(
      DEMO_SALES_BASE_ID,
      'Deals',
      first?.id ?? '',
    );
    expect(read.fields['Name']).toBe('Batch deal 0');
  });

  it('creates under the old name airtable_create_records', async () => {
    const created = dataOf<Written>(
      await suite.session.call('airtable_create_records', {
        ...base,
        records: [{ fields: { Name: 'Alias deal' } }],
      }),
    );
    expect(created.records[0]?.fields['Name']).toBe('Alias deal');
  });

  it('names the valid fields for an unknown field and rejects an empty list', async () => {
    const typo = await suite.session.call('create_records', {
      ...base,
      records: [{ fields: { Nmae: 'x' } }],
    });
    expect(typo.isError).toBe(true);
    expect(textOf(typo)).toContain('"Name"');
    const empty = await suite.session.call('create_records', { ...base, records: [] });
    expect(empty.isError).toBe(true);
  });

  it('passes an Airtable 422 back as an actionable isError result', async () => {
    const result = await suite.session.call('create_records', {
      ...base,
      records: [{ fields: { Amount: 'a lot' } }],
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Airtable/);
  });
});

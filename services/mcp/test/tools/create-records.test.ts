import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, dataOf, startAirtable, textOf } from '../support/mcp-harness.ts';
import type { Airtable, McpSession } from '../support/mcp-harness.ts';

interface Written {
  records: { id: string; fields: Record<string, unknown> }[];
  count: number;
}

describe('create_records', () => {
  let airtable: Airtable;
  let session: McpSession;
  const base = { baseId: DEMO_SALES_BASE_ID, table: 'Deals' };
  beforeAll(async () => {
    airtable = await startAirtable();
    session = await connect(airtable, { allowedBaseIds: [DEMO_SALES_BASE_ID], role: 'editor' });
  });
  afterAll(async () => {
    await session.close();
    await airtable.close();
  });

  it('creates more than one batch of records and they can be read back', async () => {
    const records = Array.from({ length: 23 }, (_, index) => ({
      fields: { Name: `Batch deal ${String(index)}`, Amount: index * 100 },
    }));
    const created = dataOf<Written>(await session.call('create_records', { ...base, records }));
    expect(created.count).toBe(23);
    const first = created.records[0];
    const read = await airtable.access.getRecord(DEMO_SALES_BASE_ID, 'Deals', first?.id ?? '');
    expect(read.fields['Name']).toBe('Batch deal 0');
  });

  it('creates under the old name airtable_create_records', async () => {
    const created = dataOf<Written>(
      await session.call('airtable_create_records', {
        ...base,
        records: [{ fields: { Name: 'Alias deal' } }],
      }),
    );
    expect(created.records[0]?.fields['Name']).toBe('Alias deal');
  });

  it('names the valid fields for an unknown field and rejects an empty list', async () => {
    const typo = await session.call('create_records', {
      ...base,
      records: [{ fields: { Nmae: 'x' } }],
    });
    expect(typo.isError).toBe(true);
    expect(textOf(typo)).toContain('"Name"');
    const empty = await session.call('create_records', { ...base, records: [] });
    expect(empty.isError).toBe(true);
  });

  it('passes an Airtable 422 back as an actionable isError result', async () => {
    const result = await session.call('create_records', {
      ...base,
      records: [{ fields: { Amount: 'a lot' } }],
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Airtable/);
  });
});

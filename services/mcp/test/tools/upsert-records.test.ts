import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, dataOf, startAirtable, textOf } from '../support/mcp-harness.ts';
import type { Airtable, McpSession } from '../support/mcp-harness.ts';

interface Upserted {
  createdRecords: string[];
  updatedRecords: string[];
}

describe('upsert_records', () => {
  let airtable: Airtable;
  let session: McpSession;
  const base = { baseId: DEMO_SALES_BASE_ID, table: 'Deals', fieldsToMergeOn: ['Name'] };
  beforeAll(async () => {
    airtable = await startAirtable();
    session = await connect(airtable, { allowedBaseIds: [DEMO_SALES_BASE_ID] });
  });
  afterAll(async () => {
    await session.close();
    await airtable.close();
  });

  it('creates on no match and updates on a match', async () => {
    const records = [{ fields: { Name: 'Upsert deal', Amount: 1 } }];
    const first = dataOf<Upserted>(await session.call('upsert_records', { ...base, records }));
    expect(first.createdRecords).toHaveLength(1);
    const again = dataOf<Upserted>(
      await session.call('upsert_records', {
        ...base,
        records: [{ fields: { Name: 'Upsert deal', Amount: 2 } }],
      }),
    );
    expect(again.updatedRecords).toEqual(first.createdRecords);
    const read = await airtable.access.getRecord(
      DEMO_SALES_BASE_ID,
      'Deals',
      first.createdRecords[0] ?? '',
    );
    expect(read.fields['Amount']).toBe(2);
  });

  it('refuses an unknown merge field and more than three', async () => {
    const records = [{ fields: { Name: 'x' } }];
    const typo = await session.call('upsert_records', {
      ...base,
      records,
      fieldsToMergeOn: ['name'],
    });
    expect(textOf(typo)).toContain('Valid fields');
    const many = await session.call('upsert_records', {
      ...base,
      records,
      fieldsToMergeOn: ['Name', 'Owner', 'Stage', 'Amount'],
    });
    expect(many.isError).toBe(true);
  });
});

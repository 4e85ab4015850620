import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { describe, expect, it } from 'vitest';
import { dataOf, textOf, useSession } from '../support/mcp-harness.ts';

interface Upserted {
  createdRecords: string[];
  updatedRecords: string[];
}

describe('upsert_records', () => {
  const suite = useSession({ allowedBaseIds: [DEMO_SALES_BASE_ID] });
  const base = { baseId: DEMO_SALES_BASE_ID, table: 'Deals', fieldsToMergeOn: ['Name'] };

  it('creates on no match and updates on a match', async () => {
    const records = [{ fields: { Name: 'Upsert deal', Amount: 1 } }];
    const first = dataOf<Upserted>(
      await suite.session.call('upsert_records', { ...base, records }),
    );
    expect(first.createdRecords).toHaveLength(1);
    const again = dataOf<Upserted>(
      await suite.session.call('upsert_records', {
        ...base,
        records: [{ fields: { Name: 'Upsert deal', Amount: 2 } }],
      }),
    );
    expect(again.updatedRecords).toEqual(first.createdRecords);
    const read = await suite.airtable.access.getRecord(
      DEMO_SALES_BASE_ID,
      'Deals',
      first.createdRecords[0] ?? '',
    );
    expect(read.fields['Amount']).toBe(2);
  });

  it('refuses an unknown merge field and more than three', async () => {
    const records = [{ fields: { Name: 'x' } }];
    const typo = await suite.session.call('upsert_records', {
      ...base,
      records,
      fieldsToMergeOn: ['name'],
    });
    expect(textOf(typo)).toContain('Valid fields');
    const many = await suite.session.call('upsert_records', {
      ...base,
      records,
      fieldsToMergeOn: ['Name', 'Owner', 'Stage', 'Amount'],
    });
    expect(many.isError).toBe(true);
  });
});

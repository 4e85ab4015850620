import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { describe, expect, it } from 'vitest';
import { dataOf, useSession } from '../support/mcp-harness.ts';

interface Written {
  records: { id: string; fields: Record<string, unknown> }[];
}

describe('update_records', () => {
  const suite = useSession({ allowedBaseIds: [DEMO_SALES_BASE_ID] });
  const base = { baseId: DEMO_SALES_BASE_ID, table: 'Deals' };

  async function newDeal(): Promise<string> {
    const [record] = await suite.airtable.access.createRecords(DEMO_SALES_BASE_ID, 'Deals', [
      { fields: { Name: 'Update me', Owner: 'Sam', Amount: 100 } },
    ]);
    return record?.id ?? '';
  }

  it('patches only the given fields', async () => {
    const id = await newDeal();
    const result = dataOf<Written>(
      await suite.session.call('update_records', {
        ...base,
        records: [{ id, fields: { Amount: 250 } }],
      }),
    );
    expect(result.records[0]?.fields).toMatchObject({
      Name: 'Update me',
      Owner: 'Sam',
      Amount: 250,
    });
  });

  it('clears unmentioned fields in replace mode (also as airtable_update_records)', async () => {
    const id = await newDeal();
    const result = dataOf<Written>(
      await suite.session.call('airtable_update_records', {
        ...base,
        mode: 'replace',
        records: [{ id, fields: { Name: 'Replaced' } }],
      }),
    );
    expect(result.records[0]?.fields['Name']).toBe('Replaced');
    expect(result.records[0]?.fields['Owner']).toBeUndefined();
  });
});

import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, dataOf, startAirtable } from '../support/mcp-harness.ts';
import type { Airtable, McpSession } from '../support/mcp-harness.ts';

interface Written {
  records: { id: string; fields: Record<string, unknown> }[];
}

describe('update_records', () => {
  let airtable: Airtable;
  let session: McpSession;
  const base = { baseId: DEMO_SALES_BASE_ID, table: 'Deals' };
  beforeAll(async () => {
    airtable = await startAirtable();
    session = await connect(airtable, { allowedBaseIds: [DEMO_SALES_BASE_ID] });
  });
  afterAll(async () => {
    await session.close();
    await airtable.close();
  });

  async function newDeal(): Promise<string> {
    const [record] = await airtable.access.createRecords(DEMO_SALES_BASE_ID, 'Deals', [
      { fields: { Name: 'Update me', Owner: 'Sam', Amount: 100 } },
    ]);
    return record?.id ?? '';
  }

  it('patches only the given fields', async () => {
    const id = await newDeal();
    const result = dataOf<Written>(
      await session.call('update_records', { ...base, records: [{ id, fields: { Amount: 250 } }] }),
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
      await session.call('airtable_update_records', {
        ...base,
        mode: 'replace',
        records: [{ id, fields: { Name: 'Replaced' } }],
      }),
    );
    expect(result.records[0]?.fields['Name']).toBe('Replaced');
    expect(result.records[0]?.fields['Owner']).toBeUndefined();
  });
});

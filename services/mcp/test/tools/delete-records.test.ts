import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { describe, expect, it } from 'vitest';
import { dataOf, textOf, useSession } from '../support/mcp-harness.ts';

describe('delete_records', () => {
  const suite = useSession({ allowedBaseIds: [DEMO_SALES_BASE_ID] });
  const base = { baseId: DEMO_SALES_BASE_ID, table: 'Deals' };

  it('deletes records so they can no longer be read (also as airtable_delete_records)', async () => {
    const created = await suite.airtable.access.createRecords(DEMO_SALES_BASE_ID, 'Deals', [
      { fields: { Name: 'Doomed 1' } },
      { fields: { Name: 'Doomed 2' } },
    ]);
    const ids = created.map((record) => record.id);
    const result = dataOf<{ deletedIds: string[] }>(
      await suite.session.call('delete_records', { ...base, recordIds: ids.slice(0, 1) }),
    );
    expect(result.deletedIds).toEqual(ids.slice(0, 1));
    await suite.session.call('airtable_delete_records', { ...base, recordIds: ids.slice(1) });
    const gone = await suite.session.call('get_record', { ...base, recordId: ids[1] });
    expect(gone.isError).toBe(true);
  });

  it('reports an unknown id as an isError result', async () => {
    const result = await suite.session.call('delete_records', {
      ...base,
      recordIds: ['recAAAAAAAAAAAAAA'],
    });
    expect(result.isError).toBe(true);
    expect(textOf(result).length).toBeGreaterThan(0);
  });
});

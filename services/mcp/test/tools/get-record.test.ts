import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { describe, expect, it } from 'vitest';
import { dataOf, textOf, useSession } from '../support/mcp-harness.ts';

interface AirtableRecordData {
  id: string;
  fields: Record<string, unknown>;
}

describe('get_record', () => {
  const suite = useSession({ allowedBaseIds: [DEMO_SALES_BASE_ID] });

  it('returns a record listed by list_records, also under airtable_get_record', async () => {
    const page = await suite.airtable.access.listRecords(DEMO_SALES_BASE_ID, 'Deals', {
      pageSize: 1,
    });
    const listed = page.records[0];
    const args = { baseId: DEMO_SALES_BASE_ID, table: 'Deals', recordId: listed?.id };
    const record = dataOf<AirtableRecordData>(await suite.session.call('get_record', args));
    expect(record.id).toBe(listed?.id);
    expect(record.fields['Name']).toBe(listed?.fields['Name']);
    const alias = dataOf<AirtableRecordData>(await suite.session.call('airtable_get_record', args));
    expect(alias.id).toBe(listed?.id);
  });

  it('reports an unknown record id as an isError result', async () => {
    const result = await suite.session.call('get_record', {
      baseId: DEMO_SALES_BASE_ID,
      table: 'Deals',
      recordId: 'recAAAAAAAAAAAAAA',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/not found|nothing there|does not exist/i);
  });
});

import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, dataOf, startAirtable, textOf } from '../support/mcp-harness.ts';
import type { Airtable, McpSession } from '../support/mcp-harness.ts';

interface AirtableRecordData {
  id: string;
  fields: Record<string, unknown>;
}

describe('get_record', () => {
  let airtable: Airtable;
  let session: McpSession;
  beforeAll(async () => {
    airtable = await startAirtable();
    session = await connect(airtable, { allowedBaseIds: [DEMO_SALES_BASE_ID] });
  });
  afterAll(async () => {
    await session.close();
    await airtable.close();
  });

  it('returns a record listed by list_records, also under airtable_get_record', async () => {
    const page = await airtable.access.listRecords(DEMO_SALES_BASE_ID, 'Deals', { pageSize: 1 });
    const listed = page.records[0];
    const args = { baseId: DEMO_SALES_BASE_ID, table: 'Deals', recordId: listed?.id };
    const record = dataOf<AirtableRecordData>(await session.call('get_record', args));
    expect(record.id).toBe(listed?.id);
    expect(record.fields['Name']).toBe(listed?.fields['Name']);
    const alias = dataOf<AirtableRecordData>(await session.call('airtable_get_record', args));
    expect(alias.id).toBe(listed?.id);
  });

  it('reports an unknown record id as an isError result', async () => {
    const result = await session.call('get_record', {
      baseId: DEMO_SALES_BASE_ID,
      table: 'Deals',
      recordId: 'recAAAAAAAAAAAAAA',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/not found|nothing there|does not exist/i);
  });
});

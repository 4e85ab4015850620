import { DEMO_DEALS_TABLE_ID, DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { describe, expect, it } from 'vitest';
import { dataOf, textOf, useSession } from '../support/mcp-harness.ts';

interface Table {
  id: string;
  name: string;
  fields: { name: string; type: string }[];
  views: { name: string }[];
}

describe('describe_table', () => {
  const suite = useSession({ allowedBaseIds: [DEMO_SALES_BASE_ID] });

  it('describes a table by name, whatever the case', async () => {
    const table = dataOf<Table>(
      await suite.session.call('describe_table', { baseId: DEMO_SALES_BASE_ID, table: 'deals' }),
    );
    expect(table.id).toBe(DEMO_DEALS_TABLE_ID);
    expect(table.fields.find((field) => field.name === 'Stage')?.type).toBe('singleSelect');
    expect(table.views.map((view) => view.name)).toContain('Open pipeline');
  });

  it('lists the valid table names for a misspelled table', async () => {
    const result = await suite.session.call('describe_table', {
      baseId: DEMO_SALES_BASE_ID,
      table: 'Deal',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('no table "Deal"');
    expect(textOf(result)).toContain('"Deals"');
    expect(textOf(result)).toContain('"Companies"');
  });
});

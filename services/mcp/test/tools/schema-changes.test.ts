import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, dataOf, startAirtable, textOf } from '../support/mcp-harness.ts';
import type { Airtable, McpSession } from '../support/mcp-harness.ts';

interface Table {
  id: string;
  name: string;
  fields: { id: string; name: string; type: string }[];
}

describe('create_table, update_table, create_field, update_field', () => {
  let airtable: Airtable;
  let session: McpSession;
  const baseId = DEMO_SALES_BASE_ID;
  beforeAll(async () => {
    airtable = await startAirtable();
    session = await connect(airtable, { allowedBaseIds: [baseId] });
  });
  afterAll(async () => {
    await session.close();
    await airtable.close();
  });

  it('creates a table, adds a field, and renames both', async () => {
    const table = dataOf<Table>(
      await session.call('create_table', {
        baseId,
        name: 'Renewals',
        fields: [
          { name: 'Name', type: 'singleLineText' },
          { name: 'Seats', type: 'number', options: { precision: 0 } },
        ],
      }),
    );
    expect(table.fields.map((field) => field.name)).toEqual(['Name', 'Seats']);

    const field = dataOf<{ id: string; name: string }>(
      await session.call('create_field', {
        baseId,
        table: 'Renewals',
        name: 'Notes',
        type: 'multilineText',
      }),
    );
    expect(field.name).toBe('Notes');

    const renamedField = dataOf<{ name: string }>(
      await session.call('update_field', {
        baseId,
        table: table.id,
        field: 'Notes',
        name: 'Remarks',
      }),
    );
    expect(renamedField.name).toBe('Remarks');

    const renamed = dataOf<{ name: string }>(
      await session.call('update_table', { baseId, table: 'Renewals', name: 'Contract renewals' }),
    );
    expect(renamed.name).toBe('Contract renewals');

    const described = dataOf<Table>(
      await session.call('describe_table', { baseId, table: 'Contract renewals' }),
    );
    expect(described.fields.map((f) => f.name)).toEqual(['Name', 'Seats', 'Remarks']);
  });

  it('lists the valid fields when update_field names an unknown one', async () => {
    const result = await session.call('update_field', {
      baseId,
      table: 'Deals',
      field: 'Amnt',
      name: 'Value',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('"Amount"');
  });

  it('asks for a change when update_table is given none', async () => {
    const result = await session.call('update_table', { baseId, table: 'Deals' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/new name/);
  });

  it('keeps schema tools from viewers', async () => {
    const viewer = await connect(airtable, { allowedBaseIds: [baseId], role: 'viewer' });
    const names = (await viewer.client.listTools()).tools.map((tool) => tool.name);
    for (const name of ['create_table', 'update_table', 'create_field', 'update_field']) {
      expect(names).not.toContain(name);
    }
    await viewer.close();
  });
});

import { DEMO_PROJECTS_BASE_ID, DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { describe, expect, it } from 'vitest';
import { dataOf, textOf, useSession } from '../support/mcp-harness.ts';

interface Schema {
  baseId: string;
  tables: { id: string; name: string; fields?: { name: string; type?: string }[] }[];
}

describe('get_base_schema', () => {
  const suite = useSession({ allowedBaseIds: [DEMO_SALES_BASE_ID] });

  it('gives table ids and names only at detail tableIds', async () => {
    const schema = dataOf<Schema>(
      await suite.session.call('get_base_schema', {
        baseId: DEMO_SALES_BASE_ID,
        detail: 'tableIds',
      }),
    );
    expect(schema.tables.map((table) => table.name)).toEqual(['Companies', 'Contacts', 'Deals']);
    expect(schema.tables[0]?.fields).toBeUndefined();
  });

  it('gives field names without types at detail identifiers, types at full', async () => {
    const ids = dataOf<Schema>(
      await suite.session.call('get_base_schema', { baseId: DEMO_SALES_BASE_ID }),
    );
    const deals = ids.tables.find((table) => table.name === 'Deals');
    expect(deals?.fields?.map((field) => field.name)).toContain('Amount');
    expect(deals?.fields?.[0]?.type).toBeUndefined();

    const full = dataOf<Schema>(
      await suite.session.call('airtable_get_schema', {
        baseId: DEMO_SALES_BASE_ID,
        detail: 'full',
      }),
    );
    const amount = full.tables
      .find((t) => t.name === 'Deals')
      ?.fields?.find((f) => f.name === 'Amount');
    expect(amount?.type).toBe('currency');
  });

  it('refuses a base outside the workspace and names the allowed ones', async () => {
    const result = await suite.session.call('get_base_schema', { baseId: DEMO_PROJECTS_BASE_ID });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(`Allowed bases: ${DEMO_SALES_BASE_ID}`);
  });

  it('rejects a base id of the wrong shape before calling Airtable', async () => {
    const result = await suite.session.call('get_base_schema', { baseId: 'Sales CRM' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/base id looks like app/);
  });
});

import { DEMO_PROJECTS_BASE_ID, DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, dataOf, startAirtable, textOf } from '../support/mcp-harness.ts';
import type { Airtable } from '../support/mcp-harness.ts';

interface Bases {
  bases: { id: string; name: string }[];
}

describe('list_bases', () => {
  let airtable: Airtable;
  beforeAll(async () => {
    airtable = await startAirtable();
  });
  afterAll(() => airtable.close());

  it('lists only the bases the workspace allows', async () => {
    const session = await connect(airtable, { allowedBaseIds: [DEMO_SALES_BASE_ID] });
    const result = await session.call('list_bases');
    expect(dataOf<Bases>(result).bases).toEqual([
      { id: DEMO_SALES_BASE_ID, name: 'Sales CRM', permissionLevel: 'create' },
    ]);
    expect(textOf(result)).toContain('Sales CRM');
    await session.close();
  });

  it('answers the same under the old name airtable_list_bases', async () => {
    const session = await connect(airtable, {
      allowedBaseIds: [DEMO_SALES_BASE_ID, DEMO_PROJECTS_BASE_ID],
    });
    const result = await session.call('airtable_list_bases');
    expect(
      dataOf<Bases>(result)
        .bases.map((base) => base.name)
        .sort(),
    ).toEqual(['Project tracker', 'Sales CRM']);
    await session.close();
  });
});

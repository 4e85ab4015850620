import {
  DEMO_ACCESS_TOKEN,
  DEMO_DEALS_TABLE_ID,
  DEMO_PROJECTS_BASE_ID,
  DEMO_SALES_BASE_ID,
} from '@pyairtable/airtable-emulator';
import { describe, expect, it } from 'vitest';
import { problemOf, useRestApp } from './rest-harness.ts';
import type { RestSuite } from './rest-harness.ts';

interface Invalidated {
  baseId: string;
  schema: boolean;
  tables: { id: string; name: string }[];
}

interface RecordBody {
  id: string;
  fields: Record<string, unknown>;
}

const dealsPath = `/bases/${DEMO_SALES_BASE_ID}/tables/Deals/records`;

async function firstDeal(suite: RestSuite): Promise<RecordBody> {
  const page = await suite.call({ method: 'GET', path: `${dealsPath}?pageSize=1` });
  const [record] = page.json<{ records: RecordBody[] }>().records;
  if (record === undefined) throw new Error('no deals');
  return record;
}

async function readDeal(suite: RestSuite, id: string): Promise<RecordBody> {
  return (await suite.call({ method: 'GET', path: `${dealsPath}/${id}` })).json<RecordBody>();
}

// A change made in Airtable itself, which the platform's cache cannot know about.
async function renameBehindTheCache(suite: RestSuite, id: string, name: string): Promise<void> {
  const response = await fetch(
    `${suite.airtable.endpointUrl}/v0/${DEMO_SALES_BASE_ID}/${DEMO_DEALS_TABLE_ID}/${id}`,
    {
      method: 'PATCH',
      headers: { authorization: `Bearer ${DEMO_ACCESS_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { Name: name } }),
    },
  );
  expect(response.status).toBe(200);
}

describe('REST cache invalidation', () => {
  const suite = useRestApp();

  it('makes a change made directly in Airtable visible at once', async () => {
    const { id } = await firstDeal(suite);
    const before = await readDeal(suite, id);
    await renameBehindTheCache(suite, id, 'Renamed in Airtable');
    expect((await readDeal(suite, id)).fields['Name']).toBe(before.fields['Name']);

    const response = await suite.call({
      method: 'POST',
      path: '/cache/invalidate',
      body: { baseId: DEMO_SALES_BASE_ID, table: 'deals' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<Invalidated>()).toEqual({
      baseId: DEMO_SALES_BASE_ID,
      schema: true,
      tables: [{ id: DEMO_DEALS_TABLE_ID, name: 'Deals' }],
    });
    expect((await readDeal(suite, id)).fields['Name']).toBe('Renamed in Airtable');
  });

  it('invalidates every table of the base when no table is named, for any role', async () => {
    const { id } = await firstDeal(suite);
    await readDeal(suite, id);
    await renameBehindTheCache(suite, id, 'Renamed again');
    const response = await suite.call({
      method: 'POST',
      path: '/cache/invalidate',
      body: { baseId: DEMO_SALES_BASE_ID },
      role: 'viewer',
    });
    expect(response.statusCode).toBe(200);
    const names = response.json<Invalidated>().tables.map((table) => table.name);
    expect(names).toEqual(['Companies', 'Contacts', 'Deals']);
    expect((await readDeal(suite, id)).fields['Name']).toBe('Renamed again');
  });

  it('refuses a base outside the workspace, an unknown table and a missing base id', async () => {
    const outside = await suite.call({
      method: 'POST',
      path: '/cache/invalidate',
      body: { baseId: DEMO_PROJECTS_BASE_ID },
    });
    expect(outside.statusCode).toBe(403);
    expect(problemOf(outside).code).toBe('MCP_BASE_NOT_ALLOWED');

    const unknown = await suite.call({
      method: 'POST',
      path: '/cache/invalidate',
      body: { baseId: DEMO_SALES_BASE_ID, table: 'Dealz' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(problemOf(unknown).detail).toContain('"Deals"');

    const invalid = await suite.call({ method: 'POST', path: '/cache/invalidate', body: {} });
    expect(invalid.statusCode).toBe(400);
    expect(problemOf(invalid).errors?.[0]).toMatchObject({ in: 'body', field: 'baseId' });
  });
});

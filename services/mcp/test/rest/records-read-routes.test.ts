import { DEMO_DEALS_TABLE_ID, DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { describe, expect, it } from 'vitest';
import { problemOf, useRestApp } from './rest-harness.ts';

interface ApiRecord {
  id: string;
  createdTime: string;
  fields: Record<string, unknown>;
}

interface Page {
  records: ApiRecord[];
  offset?: string;
}

const DEALS = `/bases/${DEMO_SALES_BASE_ID}/tables/Deals/records`;

describe('REST record reads', () => {
  const suite = useRestApp();

  it('walks the 250 deals in pages of pageSize with the offset cursor', async () => {
    const sizes: number[] = [];
    const ids = new Set<string>();
    let offset: string | undefined;
    do {
      const query = `pageSize=90${offset === undefined ? '' : `&offset=${encodeURIComponent(offset)}`}`;
      const response = await suite.call({ method: 'GET', path: `${DEALS}?${query}` });
      expect(response.statusCode).toBe(200);
      const page = response.json<Page>();
      sizes.push(page.records.length);
      for (const record of page.records) ids.add(record.id);
      offset = page.offset;
    } while (offset !== undefined);
    expect(sizes).toEqual([90, 90, 70]);
    expect(ids.size).toBe(250);
  });

  it('sorts by repeated sort keys and returns only the fields asked for', async () => {
    const response = await suite.call({
      method: 'GET',
      path: `${DEALS}?fields=Name,Amount&sort=Amount:desc&sort=Name&pageSize=20`,
    });
    expect(response.statusCode).toBe(200);
    const { records } = response.json<Page>();
    const amounts = records.map((record) => record.fields['Amount'] as number);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    for (const record of records) {
      expect(Object.keys(record.fields).every((name) => ['Name', 'Amount'].includes(name))).toBe(
        true,
      );
    }
  });

  it('takes fields as repeated keys, in the fields[] form, and a table by id', async () => {
    const response = await suite.call({
      method: 'GET',
      path: `/bases/${DEMO_SALES_BASE_ID}/tables/${DEMO_DEALS_TABLE_ID}/records?fields=Name&fields[]=Stage&pageSize=3&filterByFormula=${encodeURIComponent("{Stage} = 'Closed Won'")}`,
    });
    expect(response.statusCode).toBe(200);
    const { records } = response.json<Page>();
    expect(records).toHaveLength(3);
    for (const record of records) expect(record.fields['Stage']).toBe('Closed Won');
  });

  it('gets one record by id, and 404 for an unknown one', async () => {
    const list = await suite.call({ method: 'GET', path: `${DEALS}?pageSize=1` });
    const [first] = list.json<Page>().records;
    if (first === undefined) throw new Error('no deal listed');
    const response = await suite.call({ method: 'GET', path: `${DEALS}/${first.id}` });
    expect(response.statusCode).toBe(200);
    expect(response.json<ApiRecord>()).toEqual(first);

    const missing = await suite.call({ method: 'GET', path: `${DEALS}/recAAAAAAAAAAAAAA` });
    expect(missing.statusCode).toBe(404);
    expect(problemOf(missing).code).toBe('AIRTABLE_NOT_FOUND');
  });

  it('answers 404 naming the valid tables for an unknown table', async () => {
    const response = await suite.call({
      method: 'GET',
      path: `/bases/${DEMO_SALES_BASE_ID}/tables/Dealz/records`,
    });
    expect(response.statusCode).toBe(404);
    const problem = problemOf(response);
    expect(problem.code).toBe('MCP_TABLE_NOT_FOUND');
    expect(problem.detail).toContain('"Deals"');
  });

  it('answers 422 naming the valid names for an unknown field, sort field or view', async () => {
    for (const query of ['fields=Amout', 'sort=Amout:desc', 'view=Open%20pipe']) {
      const response = await suite.call({ method: 'GET', path: `${DEALS}?${query}` });
      expect(response.statusCode, query).toBe(422);
      const problem = problemOf(response);
      expect(problem.code).toBe('MCP_UNKNOWN_NAME');
      expect(problem.detail).toMatch(/"Amount"|"Open pipeline"/);
    }
  });

  it("passes Airtable's 422 for a bad formula or cursor through as problem+json", async () => {
    const response = await suite.call({
      method: 'GET',
      path: `${DEALS}?filterByFormula=${encodeURIComponent('{Amount')}`,
    });
    expect(response.statusCode).toBe(422);
    expect(problemOf(response).code).toBe('AIRTABLE_INVALID_REQUEST');

    const cursor = await suite.call({ method: 'GET', path: `${DEALS}?offset=itrNotACursor` });
    expect(cursor.statusCode).toBe(422);
    expect(problemOf(cursor).detail).toContain('INVALID_OFFSET_VALUE');
  });

  it('answers 400 naming the parameter for a bad pageSize or an unknown parameter', async () => {
    const big = await suite.call({ method: 'GET', path: `${DEALS}?pageSize=101` });
    expect(big.statusCode).toBe(400);
    expect(problemOf(big).errors?.[0]).toMatchObject({ in: 'querystring', field: 'pageSize' });

    const typo = await suite.call({ method: 'GET', path: `${DEALS}?pagesize=10` });
    expect(typo.statusCode).toBe(400);
    expect(problemOf(typo).errors?.[0]).toMatchObject({
      field: 'pagesize',
      message: 'is not allowed',
    });
  });
});

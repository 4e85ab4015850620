import { DEMO_SALES_BASE_ID, generateLargeBase } from '@pyairtable/airtable-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, dataOf, startAirtable, textOf } from '../support/mcp-harness.ts';
import type { Airtable, McpSession } from '../support/mcp-harness.ts';

interface Statistics {
  count: number;
  valueCount: number;
  sum?: number;
  min?: number | null;
  max?: number | null;
}
interface Aggregate {
  total: Statistics;
  groups?: (Statistics & { key: string })[];
}

describe('aggregate_records', () => {
  const large = generateLargeBase({ seed: 7, tables: 1, fieldsPerTable: 8, recordsPerTable: 5000 });
  const table = large.tables[0]?.name ?? '';
  let airtable: Airtable;
  let session: McpSession;
  beforeAll(async () => {
    airtable = await startAirtable([large]);
    session = await connect(airtable, { allowedBaseIds: [large.id], role: 'viewer' });
  });
  afterAll(async () => {
    await session.close();
    await airtable.close();
  });

  it('counts and sums 5,000 records exactly, overall and per group', async () => {
    let count = 0;
    let sum = 0;
    const groups = new Map<string, { count: number; sum: number }>();
    for await (const page of airtable.access.listAllRecords(large.id, table, {
      fields: ['Name', 'Quantity', 'Category'],
    })) {
      for (const record of page.records) {
        const quantity = record.fields['Quantity'];
        const value = typeof quantity === 'number' ? quantity : 0;
        const key =
          typeof record.fields['Category'] === 'string' ? record.fields['Category'] : '(empty)';
        count += 1;
        sum += value;
        const group = groups.get(key) ?? { count: 0, sum: 0 };
        groups.set(key, { count: group.count + 1, sum: group.sum + value });
      }
    }
    expect(count).toBe(5000);

    const result = dataOf<Aggregate>(
      await session.call('aggregate_records', {
        baseId: large.id,
        table,
        field: 'Quantity',
        groupBy: 'Category',
      }),
    );
    expect(result.total.count).toBe(5000);
    expect(result.total.sum).toBe(sum);
    expect(result.groups?.length).toBe(groups.size);
    for (const group of result.groups ?? []) {
      expect(group.count).toBe(groups.get(group.key)?.count);
      expect(group.sum).toBe(groups.get(group.key)?.sum);
    }
  });

  it('counts the records a filter keeps', async () => {
    const all = dataOf<Aggregate>(
      await session.call('aggregate_records', { baseId: large.id, table }),
    );
    const some = dataOf<Aggregate>(
      await session.call('aggregate_records', {
        baseId: large.id,
        table,
        filter: { field: 'Quantity', op: 'gt', value: 10 },
      }),
    );
    expect(all.total.count).toBe(5000);
    expect(some.total.count).toBeGreaterThan(0);
    expect(some.total.count).toBeLessThan(5000);
  });

  it('reads every page with only the fields the answer needs', async () => {
    const requested: (readonly string[] | undefined)[] = [];
    const access = airtable.access;
    const spy: Airtable = {
      endpointUrl: airtable.endpointUrl,
      close: () => Promise.resolve(),
      access: {
        ...access,
        listAllRecords(baseId, tableName, options) {
          requested.push(options?.fields);
          return access.listAllRecords(baseId, tableName, options);
        },
      },
    };
    const spied = await connect(spy, { allowedBaseIds: [large.id] });
    const result = dataOf<Aggregate>(
      await spied.call('aggregate_records', { baseId: large.id, table, field: 'Quantity' }),
    );
    expect(result.total.count).toBe(5000);
    expect(requested).toEqual([['Quantity']]);
    await spied.close();
  });

  it('refuses a non-numeric field and names the numeric ones', async () => {
    const result = await session.call('aggregate_records', {
      baseId: large.id,
      table,
      field: 'Category',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('"Quantity"');
  });

  it('refuses a base outside the workspace', async () => {
    const result = await session.call('aggregate_records', {
      baseId: DEMO_SALES_BASE_ID,
      table: 'Deals',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(`Allowed bases: ${large.id}`);
  });
});

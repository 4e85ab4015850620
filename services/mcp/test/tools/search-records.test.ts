import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { describe, expect, it } from 'vitest';
import { dataOf, useSession } from '../support/mcp-harness.ts';

interface Found {
  records: { fields: Record<string, unknown> }[];
  count: number;
  searchedFields: string[];
}

describe('search_records', () => {
  const suite = useSession({ allowedBaseIds: [DEMO_SALES_BASE_ID] });
  const base = { baseId: DEMO_SALES_BASE_ID, table: 'Deals' };

  it('finds records whose text fields contain the term, ignoring case', async () => {
    const found = dataOf<Found>(
      await suite.session.call('search_records', { ...base, term: 'atlas' }),
    );
    expect(found.count).toBeGreaterThan(0);
    expect(found.searchedFields).toContain('Name');
    expect(found.searchedFields).not.toContain('Amount');
    for (const record of found.records) {
      expect(JSON.stringify(record.fields).toLowerCase()).toContain('atlas');
    }
  });

  it('treats a formula injection attempt as literal text', async () => {
    for (const term of ['") > 0, TRUE(), ("', "'), TRUE()) & ('", '}, TRUE()) & {Name']) {
      const found = dataOf<Found>(await suite.session.call('search_records', { ...base, term }));
      expect(found.count).toBe(0);
    }
  });
});

import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, dataOf, startAirtable, textOf } from '../support/mcp-harness.ts';
import type { Airtable, McpSession } from '../support/mcp-harness.ts';

interface Comments {
  comments: { id: string; text: string }[];
}

describe('list_comments and create_comment', () => {
  let airtable: Airtable;
  let session: McpSession;
  let recordId = '';
  beforeAll(async () => {
    airtable = await startAirtable();
    session = await connect(airtable, { allowedBaseIds: [DEMO_SALES_BASE_ID] });
    const page = await airtable.access.listRecords(DEMO_SALES_BASE_ID, 'Deals', { pageSize: 1 });
    recordId = page.records[0]?.id ?? '';
  });
  afterAll(async () => {
    await session.close();
    await airtable.close();
  });

  it('adds a comment that list_comments then shows first', async () => {
    const target = { baseId: DEMO_SALES_BASE_ID, table: 'Deals', recordId };
    const created = dataOf<{ id: string; text: string }>(
      await session.call('create_comment', { ...target, text: 'Asked for a revised quote.' }),
    );
    expect(created.text).toBe('Asked for a revised quote.');
    const listed = dataOf<Comments>(await session.call('list_comments', target));
    expect(listed.comments[0]?.id).toBe(created.id);
  });

  it('hides create_comment from viewers but lets them list comments', async () => {
    const viewer = await connect(airtable, {
      allowedBaseIds: [DEMO_SALES_BASE_ID],
      role: 'viewer',
    });
    const names = (await viewer.client.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain('list_comments');
    expect(names).not.toContain('create_comment');
    await viewer.close();
  });

  it('refuses an empty comment', async () => {
    const result = await session.call('create_comment', {
      baseId: DEMO_SALES_BASE_ID,
      table: 'Deals',
      recordId,
      text: '',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/text/);
  });
});

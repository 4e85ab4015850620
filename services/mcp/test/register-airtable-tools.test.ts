import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIRTABLE_TOOL_NAMES, LEGACY_TOOL_ALIASES } from '../src/index.ts';
import { connect, startAirtable, textOf } from './support/mcp-harness.ts';
import type { Airtable } from './support/mcp-harness.ts';

const WRITE_TOOLS = ['create_records', 'update_records', 'upsert_records', 'delete_records'];

describe('registerAirtableTools', () => {
  let airtable: Airtable;
  beforeAll(async () => {
    airtable = await startAirtable();
  });
  afterAll(() => airtable.close());

  async function listedTools(role: 'owner' | 'editor' | 'viewer') {
    const session = await connect(airtable, { allowedBaseIds: [DEMO_SALES_BASE_ID], role });
    const { tools } = await session.client.listTools();
    await session.close();
    return tools;
  }

  it('lists every tool and every old name for an editor', async () => {
    const names = (await listedTools('editor')).map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining([...AIRTABLE_TOOL_NAMES]));
    expect(names).toEqual(expect.arrayContaining(Object.keys(LEGACY_TOOL_ALIASES)));
  });

  it('shows a viewer no write tool and no write alias', async () => {
    const names = (await listedTools('viewer')).map((tool) => tool.name);
    for (const name of [...WRITE_TOOLS, 'airtable_create_records', 'airtable_delete_records']) {
      expect(names).not.toContain(name);
    }
    expect(names).toContain('list_records');
    expect(names).toContain('airtable_list_records');
  });

  it('refuses a viewer calling a write tool', async () => {
    const session = await connect(airtable, {
      allowedBaseIds: [DEMO_SALES_BASE_ID],
      role: 'viewer',
    });
    const result = await session.client
      .callTool({ name: 'delete_records', arguments: {} })
      .then((answer) => ({ isError: answer.isError === true, text: JSON.stringify(answer) }))
      .catch((error: unknown) => ({ isError: true, text: String(error) }));
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/not found/i);
    await session.close();
  });

  it('gives every tool deliberate hints, an output schema and marks deletes destructive', async () => {
    const tools = await listedTools('owner');
    for (const tool of tools) {
      expect(tool.outputSchema, tool.name).toBeDefined();
      expect(typeof tool.annotations?.readOnlyHint, tool.name).toBe('boolean');
      expect(typeof tool.annotations?.destructiveHint, tool.name).toBe('boolean');
      expect(typeof tool.annotations?.idempotentHint, tool.name).toBe('boolean');
      expect(typeof tool.annotations?.openWorldHint, tool.name).toBe('boolean');
    }
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    expect(byName.get('delete_records')?.annotations?.destructiveHint).toBe(true);
    expect(byName.get('list_records')?.annotations?.readOnlyHint).toBe(true);
    expect(byName.get('airtable_list_records')?.description).toMatch(/^Alias of list_records/);
  });

  it('answers mistyped arguments with an isError result', async () => {
    const session = await connect(airtable, { allowedBaseIds: [DEMO_SALES_BASE_ID] });
    const result = await session.call('list_records', {
      baseId: DEMO_SALES_BASE_ID,
      table: 'Deals',
      pageSize: 'ten',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Input validation error/);
    await session.close();
  });
});

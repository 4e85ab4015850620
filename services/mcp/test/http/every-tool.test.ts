import { describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { AIRTABLE_TOOL_NAMES, LEGACY_TOOL_ALIASES } from '../../src/index.ts';
import { useRunningMcp } from '../support/mcp-http-harness.ts';
import type { McpHttpSession } from '../support/mcp-http-harness.ts';
import { SALES_BASE } from '../support/platform-fixture.ts';

const running = useRunningMcp();
const deals = { baseId: SALES_BASE, table: 'Deals' };

function ok(result: CallToolResult): Record<string, unknown> {
  const [block] = result.content;
  if (result.isError === true) throw new Error(block?.type === 'text' ? block.text : 'tool failed');
  return result.structuredContent ?? {};
}

function firstId(data: Record<string, unknown>): string {
  const records = data['records'] as { id: string }[] | undefined;
  const id = records?.[0]?.id;
  if (id === undefined) throw new Error('no record id in the result');
  return id;
}

// One scenario through every tool, in the order a model would use them, over real HTTP.
const scenario: [string, (session: McpHttpSession, ids: Map<string, string>) => Promise<void>][] = [
  [
    'list_bases',
    async (s) => {
      expect(JSON.stringify(ok(await s.call('list_bases')))).toContain(SALES_BASE);
    },
  ],
  [
    'get_base_schema',
    async (s) => {
      expect(
        JSON.stringify(
          ok(await s.call('get_base_schema', { baseId: SALES_BASE, detail: 'tableIds' })),
        ),
      ).toContain('Deals');
    },
  ],
  [
    'describe_table',
    async (s) => {
      expect(JSON.stringify(ok(await s.call('describe_table', deals)))).toContain('Amount');
    },
  ],
  [
    'list_records',
    async (s, ids) => {
      const page = ok(
        await s.call('list_records', {
          ...deals,
          pageSize: 2,
          sort: [{ field: 'Amount', direction: 'desc' }],
        }),
      );
      ids.set('existing', firstId(page));
      expect(page['nextCursor']).toEqual(expect.any(String));
    },
  ],
  [
    'get_record',
    async (s, ids) => {
      expect(
        ok(await s.call('get_record', { ...deals, recordId: ids.get('existing') }))['id'],
      ).toBe(ids.get('existing'));
    },
  ],
  [
    'search_records',
    async (s) => {
      expect(
        ok(await s.call('search_records', { ...deals, term: 'it\'s "quoted" {Amount}' })),
      ).toHaveProperty('records');
    },
  ],
  [
    'aggregate_records',
    async (s) => {
      const total = ok(await s.call('aggregate_records', { ...deals, field: 'Amount' }))[
        'total'
      ] as { count: number };
      expect(total.count).toBeGreaterThanOrEqual(250);
    },
  ],
  [
    'create_records',
    async (s, ids) => {
      ids.set(
        'created',
        firstId(
          ok(
            await s.call('create_records', {
              ...deals,
              records: [{ fields: { Name: 'HTTP tour' } }],
            }),
          ),
        ),
      );
    },
  ],
  [
    'update_records',
    async (s, ids) => {
      ok(
        await s.call('update_records', {
          ...deals,
          records: [{ id: ids.get('created'), fields: { Amount: 42 } }],
        }),
      );
    },
  ],
  [
    'upsert_records',
    async (s) => {
      ok(
        await s.call('upsert_records', {
          ...deals,
          fieldsToMergeOn: ['Name'],
          records: [{ fields: { Name: 'HTTP tour', Amount: 43 } }],
        }),
      );
    },
  ],
  [
    'create_comment',
    async (s, ids) => {
      ok(
        await s.call('create_comment', {
          ...deals,
          recordId: ids.get('created'),
          text: 'Checked over HTTP.',
        }),
      );
    },
  ],
  [
    'list_comments',
    async (s, ids) => {
      expect(
        JSON.stringify(
          ok(await s.call('list_comments', { ...deals, recordId: ids.get('created') })),
        ),
      ).toContain('Checked over HTTP.');
    },
  ],
  [
    'delete_records',
    async (s, ids) => {
      ok(await s.call('delete_records', { ...deals, recordIds: [ids.get('created')] }));
    },
  ],
  [
    'create_table',
    async (s) => {
      ok(
        await s.call('create_table', {
          baseId: SALES_BASE,
          name: 'HTTP tour',
          fields: [{ name: 'Name', type: 'singleLineText' }],
        }),
      );
    },
  ],
  [
    'update_table',
    async (s) => {
      ok(
        await s.call('update_table', {
          baseId: SALES_BASE,
          table: 'HTTP tour',
          name: 'HTTP tour 2',
        }),
      );
    },
  ],
  [
    'create_field',
    async (s) => {
      ok(
        await s.call('create_field', {
          baseId: SALES_BASE,
          table: 'HTTP tour 2',
          name: 'Notes',
          type: 'multilineText',
        }),
      );
    },
  ],
  [
    'update_field',
    async (s) => {
      ok(
        await s.call('update_field', {
          baseId: SALES_BASE,
          table: 'HTTP tour 2',
          field: 'Notes',
          name: 'Remarks',
        }),
      );
    },
  ],
];

describe('every tool over Streamable HTTP', () => {
  it('covers the whole tool list', () => {
    expect(scenario.map(([name]) => name).sort()).toEqual([...AIRTABLE_TOOL_NAMES].sort());
  });

  it('runs each tool successfully against the emulator with an editor API key', async () => {
    const session = await running.mcp.connect({ 'x-api-key': running.mcp.platform.apiKeys.editor });
    const ids = new Map<string, string>();
    try {
      for (const [, step] of scenario) await step(session, ids);
    } finally {
      await session.close();
    }
  });

  it('answers the previous system’s tool names as aliases', async () => {
    const session = await running.mcp.connect({ 'x-api-key': running.mcp.platform.apiKeys.editor });
    try {
      const names = (await session.client.listTools()).tools.map((tool) => tool.name);
      expect(names).toEqual(expect.arrayContaining(Object.keys(LEGACY_TOOL_ALIASES)));
      expect(JSON.stringify(ok(await session.call('airtable_list_bases')))).toContain(SALES_BASE);
    } finally {
      await session.close();
    }
  });

  it('answers bad arguments with isError results, never a protocol failure', async () => {
    const session = await running.mcp.connect({ 'x-api-key': running.mcp.platform.apiKeys.editor });
    try {
      const missing = await session.call('list_records', { baseId: SALES_BASE });
      const mistyped = await session.call('list_records', { ...deals, pageSize: 'ten' });
      const oversized = await session.call('delete_records', {
        ...deals,
        recordIds: Array.from({ length: 1_001 }, (_, i) => `rec${String(i).padStart(14, '0')}`),
      });
      const unknownTable = await session.call('list_records', {
        baseId: SALES_BASE,
        table: 'Dealz',
      });
      const unknownRecord = await session.call('get_record', {
        ...deals,
        recordId: 'rec00000000000000',
      });
      for (const result of [missing, mistyped, oversized, unknownTable, unknownRecord]) {
        expect(result.isError).toBe(true);
      }
      const [block] = unknownTable.content;
      expect(block?.type === 'text' ? block.text : '').toContain('"Deals"');
    } finally {
      await session.close();
    }
  });
});

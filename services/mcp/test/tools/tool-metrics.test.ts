import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolMetrics } from '../../src/tools/tool-metrics.ts';
import { connect, startAirtable } from '../support/mcp-harness.ts';
import type { Airtable, McpSession } from '../support/mcp-harness.ts';

describe('tool metrics', () => {
  const registry = new Registry();
  let airtable: Airtable;
  let session: McpSession;
  beforeAll(async () => {
    airtable = await startAirtable();
    session = await connect(
      airtable,
      { allowedBaseIds: [DEMO_SALES_BASE_ID] },
      createToolMetrics(registry),
    );
  });
  afterAll(async () => {
    await session.close();
    await airtable.close();
  });

  it('counts calls by tool and outcome, aliases under the tool they stand for', async () => {
    await session.call('list_bases');
    await session.call('airtable_list_bases');
    const failed = await session.call('describe_table', {
      baseId: DEMO_SALES_BASE_ID,
      table: 'Dealz',
    });
    expect(failed.isError).toBe(true);
    const text = await registry.metrics();
    expect(text).toContain('mcp_tool_calls_total{tool="list_bases",outcome="ok"} 2');
    expect(text).toContain('mcp_tool_calls_total{tool="describe_table",outcome="error"} 1');
    expect(text).toContain('mcp_tool_duration_seconds_count{tool="list_bases"} 2');
    expect(text).not.toContain('airtable_list_bases');
    expect(text).not.toContain('Dealz');
  });
});

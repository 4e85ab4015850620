import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { recordSpans, SpanStatusCode } from '@pyairtable/kit/testing';
import type { RecordedSpans } from '@pyairtable/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, startAirtable } from '../support/mcp-harness.ts';
import type { Airtable, McpSession } from '../support/mcp-harness.ts';

describe('tool spans', () => {
  let recorded: RecordedSpans;
  let airtable: Airtable;
  let session: McpSession;
  beforeAll(async () => {
    recorded = recordSpans();
    airtable = await startAirtable();
    session = await connect(airtable, { allowedBaseIds: [DEMO_SALES_BASE_ID] });
  });
  afterAll(async () => {
    await session.close();
    await airtable.close();
    await recorded.stop();
  });

  it('traces each call as tools/call under the name it was called by, an isError result as tool_error', async () => {
    await session.call('airtable_list_bases');
    const failed = await session.call('describe_table', {
      baseId: DEMO_SALES_BASE_ID,
      table: 'Dealz',
    });
    expect(failed.isError).toBe(true);

    const spans = (await recorded.finished()).filter((span) => span.name.startsWith('tools/call '));
    expect(spans.map((span) => span.name)).toEqual([
      'tools/call airtable_list_bases',
      'tools/call describe_table',
    ]);
    const [listed, described] = spans;
    expect(listed?.attributes).toMatchObject({
      'mcp.method.name': 'tools/call',
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'airtable_list_bases',
    });
    expect(listed?.attributes['jsonrpc.request.id']).toMatch(/^\d+$/);
    expect(listed?.status.code).toBe(SpanStatusCode.UNSET);
    expect(described?.attributes['error.type']).toBe('tool_error');
    expect(described?.status.code).toBe(SpanStatusCode.ERROR);
  });
});

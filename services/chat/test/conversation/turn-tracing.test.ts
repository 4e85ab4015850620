import { recordSpans, SpanStatusCode } from '@pyairtable/kit/testing';
import type { RecordedSpans } from '@pyairtable/kit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runToolCalls } from '../../src/conversation/run-tool-calls.ts';
import { traceTurn } from '../../src/conversation/turn-tracing.ts';
import type { WorkspaceTools } from '../../src/mcp/workspace-tools.ts';

let recorded: RecordedSpans;
beforeEach(() => {
  recorded = recordSpans();
});
afterEach(async () => {
  await recorded.stop();
});

const tools: WorkspaceTools = {
  declarations: [
    { name: 'list_records', description: 'Lists records.', parametersJsonSchema: {} },
    { name: 'describe_table', description: 'Describes a table.', parametersJsonSchema: {} },
  ],
  call: (name) =>
    Promise.resolve(
      name === 'list_records'
        ? { ok: true, value: { records: [] }, text: '' }
        : { ok: false, value: 'no such table', text: 'no such table' },
    ),
  close: () => Promise.resolve(),
};

describe('turn tracing', () => {
  it('puts each tool call of a turn in an execute_tool span under the turn, failures marked', async () => {
    await traceTurn('ses_1', async () => {
      await runToolCalls(
        [
          { id: 'call-1', name: 'list_records', args: {} },
          { id: 'call-2', name: 'describe_table', args: {} },
          { id: 'call-3', name: 'drop_base', args: {} },
        ],
        tools,
        { timeoutMs: 1_000, signal: new AbortController().signal },
      );
      return { status: 'complete', content: '', turns: [], usage: null, costUsd: null };
    });

    const spans = await recorded.finished();
    const turn = spans.find((span) => span.name === 'invoke_agent pyairtable-chat');
    expect(turn?.attributes['gen_ai.conversation.id']).toBe('ses_1');
    const calls = spans
      .filter((span) => span.attributes['gen_ai.operation.name'] === 'execute_tool')
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(
      calls.map((span) => ({
        name: span.name,
        parent: span.parentSpanContext?.spanId,
        callId: span.attributes['gen_ai.tool.call.id'],
        errorType: span.attributes['error.type'],
      })),
    ).toEqual([
      {
        name: 'execute_tool describe_table',
        parent: turn?.spanContext().spanId,
        callId: 'call-2',
        errorType: 'tool_error',
      },
      {
        name: 'execute_tool drop_base',
        parent: turn?.spanContext().spanId,
        callId: 'call-3',
        errorType: 'tool_not_offered',
      },
      {
        name: 'execute_tool list_records',
        parent: turn?.spanContext().spanId,
        callId: 'call-1',
        errorType: undefined,
      },
    ]);
  });

  it('marks a turn that did not complete with its status', async () => {
    await traceTurn('ses_2', () =>
      Promise.resolve({
        status: 'cancelled',
        content: '',
        turns: [],
        usage: null,
        costUsd: null,
        error: 'Cancelled.',
      }),
    );

    const [turn] = await recorded.finished();
    expect(turn?.attributes['error.type']).toBe('cancelled');
    expect(turn?.status.code).toBe(SpanStatusCode.ERROR);
  });
});

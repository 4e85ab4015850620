import { createServiceTracer, markSpanFailed } from '@pyairtable/kit';
import type { AssistantOutcome } from '../store/chat-repositories.ts';
import type { ToolCallRecord } from '../store/chat-records.ts';

const tracer = createServiceTracer('@pyairtable/chat');

/** `gen_ai.agent.name` of the tool loop. */
const AGENT_NAME = 'pyairtable-chat';

// Low-cardinality `error.type` values for tool calls that did not produce a result.
const TOOL_ERROR_TYPES: Readonly<Record<Exclude<ToolCallRecord['outcome'], 'ok'>, string>> = {
  // The MCP conventions' value for an `isError` result; also a call that failed outright.
  error: 'tool_error',
  timeout: 'timeout',
  refused: 'tool_not_offered',
};

/**
 * Runs one answer inside an `invoke_agent pyairtable-chat` span (OpenTelemetry GenAI agent
 * span), so its model calls and tool calls are siblings under one parent in the order they
 * happened. The answer runs detached from the request that asked; starting it in that
 * request's context keeps it in the request's trace. A turn that did not complete is marked
 * failed with its status as `error.type`.
 */
export function traceTurn(
  sessionId: string,
  generate: () => Promise<AssistantOutcome>,
): Promise<AssistantOutcome> {
  return tracer.inSpan(
    `invoke_agent ${AGENT_NAME}`,
    {
      attributes: {
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.agent.name': AGENT_NAME,
        'gen_ai.conversation.id': sessionId,
      },
    },
    async (span) => {
      const outcome = await generate();
      if (outcome.status !== 'complete') markSpanFailed(span, outcome.status);
      return outcome;
    },
  );
}

/**
 * Runs one tool call inside an `execute_tool {name}` span (GenAI conventions, with the MCP
 * method as `mcp.method.name`); the HTTP request to mcp is its child, and mcp's spans follow
 * through the request's `traceparent`. A call that ended without a result is marked failed.
 */
export function traceToolCall(
  call: { readonly id: string; readonly name: string },
  run: () => Promise<ToolCallRecord>,
): Promise<ToolCallRecord> {
  return tracer.inSpan(
    `execute_tool ${call.name}`,
    {
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': call.name,
        'gen_ai.tool.call.id': call.id,
        'mcp.method.name': 'tools/call',
      },
    },
    async (span) => {
      const record = await run();
      if (record.outcome !== 'ok') markSpanFailed(span, TOOL_ERROR_TYPES[record.outcome]);
      return record;
    },
  );
}

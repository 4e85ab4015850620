import type { CallToolResult, RequestId } from '@modelcontextprotocol/sdk/types.js';
import { createServiceTracer, markSpanFailed } from '@pyairtable/kit';

const tracer = createServiceTracer('@pyairtable/mcp');

/**
 * Runs one tool call inside a `tools/call {tool}` span named and described as OpenTelemetry's
 * MCP conventions say (`mcp.method.name`, `gen_ai.tool.name`, `jsonrpc.request.id`, and
 * `error.type` `tool_error` for an `isError` result), so the Airtable requests the tool makes
 * are its children and a trace shows which tool made them.
 *
 * Its parent is the HTTP request's span: our Streamable HTTP transport is stateless and answers
 * each POST on its own, so the request's `traceparent` is the caller's context and nothing
 * needs to travel in `params._meta`. For the same reason the span is `internal` rather than the
 * conventions' `server`: the HTTP server span already marks where the call entered mcp, and a
 * second server span would count every request twice in span-derived request metrics.
 */
export function traceToolCall(
  tool: string,
  requestId: RequestId,
  run: () => Promise<CallToolResult>,
): Promise<CallToolResult> {
  return tracer.inSpan(
    `tools/call ${tool}`,
    {
      attributes: {
        'mcp.method.name': 'tools/call',
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': tool,
        'jsonrpc.request.id': String(requestId),
      },
    },
    async (span) => {
      const result = await run();
      if (result.isError === true) markSpanFailed(span, 'tool_error');
      return result;
    },
  );
}

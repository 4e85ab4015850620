import { WRITE_TOOL_NAMES } from '../register-airtable-tools.ts';
import type { WorkspaceScope } from '../workspace-scope.ts';

/**
 * Viewers are not offered write tools, so a call to one would only get the SDK's "Tool …
 * not found". A model that guessed a tool name deserves to learn why instead: answer such a
 * call here with an `isError` result that names the role, without running anything.
 */
export function readOnlyRefusal(body: unknown, scope: WorkspaceScope): object | undefined {
  if (scope.role !== 'viewer' || !isToolCall(body)) return undefined;
  const name = body.params.name;
  if (!WRITE_TOOL_NAMES.has(name)) return undefined;
  return {
    jsonrpc: '2.0',
    id: body.id,
    result: {
      isError: true,
      content: [
        {
          type: 'text',
          text: `${name} changes data, and your role in this workspace is viewer, which may only read. Use the read-only tools (list_records, search_records, aggregate_records, ...) or ask a workspace owner for the editor role.`,
        },
      ],
    },
  };
}

interface ToolCall {
  readonly id: string | number;
  readonly params: { readonly name: string };
}

function isToolCall(body: unknown): body is ToolCall {
  if (typeof body !== 'object' || body === null) return false;
  const message = body as { method?: unknown; id?: unknown; params?: { name?: unknown } };
  return (
    message.method === 'tools/call' &&
    (typeof message.id === 'string' || typeof message.id === 'number') &&
    typeof message.params?.name === 'string'
  );
}

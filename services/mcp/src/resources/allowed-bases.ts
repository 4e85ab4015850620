import type { CompleteResourceTemplateCallback } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { WorkspaceScope } from '../workspace-scope.ts';

/**
 * Refuses a base the workspace does not allow, naming the ones it does. A protocol error
 * (InvalidParams) because resource reads have no `isError` result to carry it.
 */
export function requireAllowedBase(scope: WorkspaceScope, baseId: string): void {
  if (scope.allowedBaseIds.includes(baseId)) return;
  const allowed = scope.allowedBaseIds.length === 0 ? 'none' : scope.allowedBaseIds.join(', ');
  throw new McpError(
    ErrorCode.InvalidParams,
    `Base ${baseId} is outside this workspace. Allowed bases: ${allowed}. resources/list shows their names.`,
  );
}

/** Completes a `baseId` variable from the allowed base ids only. */
export function completeAllowedBaseId(scope: WorkspaceScope): CompleteResourceTemplateCallback {
  return (value) => startingWith(scope.allowedBaseIds, value);
}

/** The candidates that start with what the user typed, ignoring case. */
export function startingWith(candidates: readonly string[], typed: string): string[] {
  const prefix = typed.toLowerCase();
  return candidates.filter((candidate) => candidate.toLowerCase().startsWith(prefix));
}

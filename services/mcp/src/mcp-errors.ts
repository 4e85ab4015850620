import { defineErrors } from '@pyairtable/kit';

/** Errors mcp answers HTTP requests with (MCP transport and REST API alike). */
export const mcpErrors = defineErrors({
  MCP_UNAUTHENTICATED: {
    status: 401,
    title: 'Authentication required',
    detail: (params: { reason: string }) => params.reason,
    headers: () => ({ 'www-authenticate': 'Bearer realm="pyairtable"' }),
  },
  MCP_WORKSPACE_REQUIRED: {
    status: 400,
    title: 'Workspace required',
    detail: () =>
      'An access token acts in one workspace at a time: name it in the X-Workspace-Id header (API keys name their own).',
  },
  MCP_IDENTITY_UNAVAILABLE: {
    status: 503,
    title: 'Identity check unavailable',
    detail: () =>
      "The gateway's signing keys could not be fetched, so the token could not be checked; retry shortly.",
    headers: () => ({ 'retry-after': '5' }),
  },
  MCP_FORBIDDEN: {
    status: 403,
    title: 'Forbidden',
    detail: (params: { reason: string }) => params.reason,
  },
  MCP_WORKSPACE_NOT_FOUND: {
    status: 404,
    title: 'Workspace not found',
    detail: (params: { workspaceId: string }) =>
      `Workspace ${params.workspaceId} does not exist or you are not a member of it.`,
  },
  MCP_BASE_NOT_ALLOWED: {
    status: 403,
    title: 'Base outside the workspace',
    detail: (params: { baseId: string; allowed: readonly string[] }) =>
      `Base ${params.baseId} is outside this workspace. Allowed bases: ${
        params.allowed.length === 0 ? 'none' : params.allowed.join(', ')
      }.`,
  },
  MCP_TABLE_NOT_FOUND: {
    status: 404,
    title: 'Table not found',
    detail: (params: { reason: string }) => params.reason,
  },
  MCP_UNKNOWN_NAME: {
    status: 422,
    title: 'Unknown field or view',
    detail: (params: { reason: string }) => params.reason,
  },
  MCP_READ_ONLY_ROLE: {
    status: 403,
    title: 'Read-only role',
    detail: (params: { role: string }) =>
      `Your role in this workspace (${params.role}) may only read; ask an owner for the editor role.`,
  },
  MCP_METHOD_NOT_ALLOWED: {
    status: 405,
    title: 'Method not allowed',
    detail: (params: { method: string }) =>
      `${params.method} is not supported: this MCP server is stateless, so there are no sessions to stream from or delete. Send JSON-RPC requests with POST.`,
    headers: () => ({ allow: 'POST' }),
  },
  MCP_TENANT_SUSPENDED: {
    status: 403,
    title: 'Tenant suspended',
    detail: (params: { tenantId: string }) =>
      `Tenant ${params.tenantId} is suspended; its workspaces cannot reach Airtable until it is resumed.`,
  },
  MCP_CREDENTIAL_MISSING: {
    status: 503,
    title: 'No Airtable credential',
    detail: (params: { tenantId: string }) =>
      `Tenant ${params.tenantId} has no usable Airtable token yet; a platform admin must set one.`,
  },
});

import { defineErrors } from '@pyairtable/kit';

/**
 * Errors only the REST API answers with: the MCP tools word the same misses as `isError`
 * results instead. Kept beside the routes until they move into `mcpErrors`.
 */
export const restErrors = defineErrors({
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
});

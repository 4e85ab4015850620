import type { Variables } from '@modelcontextprotocol/sdk/shared/uriTemplate.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';

/**
 * One variable of a matched URI template, percent-decoded: a table name with spaces or
 * slashes arrives encoded (`Sales%20Pipeline`) and must be compared decoded.
 */
export function uriVariable(variables: Variables, name: string): string {
  const value = variables[name];
  if (typeof value !== 'string') {
    throw new McpError(ErrorCode.InvalidParams, `The resource URI needs one ${name}.`);
  }
  try {
    return decodeURIComponent(value);
  } catch {
    throw new McpError(ErrorCode.InvalidParams, `The ${name} "${value}" is not valid in a URI.`);
  }
}

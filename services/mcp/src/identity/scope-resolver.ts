import type { FastifyRequest } from 'fastify';
import type { WorkspaceScope } from '../workspace-scope.ts';

/**
 * Turns an incoming request into the scope its caller may act in, from its bearer JWT or API
 * key. Rejects with an `mcpErrors` AppError (401 without valid credentials, 403 or 404 for a
 * workspace the caller may not use), so the MCP transport and the REST API answer alike.
 */
export type ScopeResolver = (request: FastifyRequest) => Promise<WorkspaceScope>;

import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { ScopeResolver } from '../identity/scope-resolver.ts';
import { mcpErrors } from '../mcp-errors.ts';
import type { WorkspaceScope } from '../workspace-scope.ts';

/** The scope of each request of the REST API, resolved once before anything else runs. */
export interface RequestScopes {
  /**
   * Resolves the caller's scope in `onRequest`: before body parsing and validation, so a
   * caller without credentials learns nothing about what a valid request looks like.
   */
  readonly resolve: onRequestAsyncHookHandler;
  /** The caller's scope, whatever its role. */
  read(request: FastifyRequest, baseId?: string): WorkspaceScope;
  /** The caller's scope for changing data: viewers are refused. */
  write(request: FastifyRequest, baseId: string): WorkspaceScope;
}

/**
 * Keeps the resolved scopes in a WeakMap rather than decorating the request: the scope is
 * this plugin's business, and a decoration would add it to every request type of the app.
 */
export function createRequestScopes(resolveScope: ScopeResolver): RequestScopes {
  const scopes = new WeakMap<FastifyRequest, WorkspaceScope>();

  function read(request: FastifyRequest, baseId?: string): WorkspaceScope {
    const scope = scopes.get(request);
    if (scope === undefined) throw new Error('the REST scope hook did not run for this request');
    if (baseId !== undefined && !scope.allowedBaseIds.includes(baseId)) {
      throw mcpErrors.MCP_BASE_NOT_ALLOWED({ baseId, allowed: scope.allowedBaseIds });
    }
    return scope;
  }

  return {
    async resolve(request) {
      scopes.set(request, await resolveScope(request));
    },
    read,
    write(request, baseId) {
      const scope = read(request, baseId);
      if (scope.role === 'viewer') throw mcpErrors.MCP_READ_ONLY_ROLE({ role: scope.role });
      return scope;
    },
  };
}

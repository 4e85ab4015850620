import { JwksUnavailableError, JwtVerificationError } from '@pyairtable/kit';
import type { JwtVerifier } from '@pyairtable/kit';
import { readCallerCredentials } from '@pyairtable/registry';
import type { AccessResult, WorkspaceAccessResolver } from '@pyairtable/registry';
import { mcpErrors } from '../mcp-errors.ts';
import type { ScopeResolver } from './scope-resolver.ts';
import type { TenantAirtablePool } from './tenant-airtable-pool.ts';

/** What {@link createScopeResolver} checks callers against. */
export interface ScopeResolverOptions {
  readonly verifier: JwtVerifier;
  readonly access: WorkspaceAccessResolver;
  readonly airtable: TenantAirtablePool;
}

const HOW_TO_AUTHENTICATE =
  'Send "Authorization: Bearer <access token>" with "X-Workspace-Id: <workspace id>", or "Authorization: Bearer <API key>".';

/**
 * Zero trust: every request proves who it is (a gateway access token, checked against the
 * gateway's JWKS, or a platform API key) and which workspace it acts in; the registry says
 * with which role, which bases and which tenant token. Nothing is taken from the caller's word.
 */
export function createScopeResolver(options: ScopeResolverOptions): ScopeResolver {
  return async (request) => {
    const credentials = readCallerCredentials(request.headers);
    let result: AccessResult;
    switch (credentials.kind) {
      case 'none':
        throw mcpErrors.MCP_UNAUTHENTICATED({ reason: `No credentials. ${HOW_TO_AUTHENTICATE}` });
      case 'malformed':
        throw mcpErrors.MCP_UNAUTHENTICATED({
          reason: `${credentials.reason} ${HOW_TO_AUTHENTICATE}`,
        });
      case 'apiKey':
        result = await options.access.forApiKey(credentials.secret);
        break;
      case 'accessToken': {
        const userId = await verifiedSubject(options.verifier, credentials.token);
        if (credentials.workspaceId === undefined) throw mcpErrors.MCP_WORKSPACE_REQUIRED({});
        result = await options.access.forUser(userId, credentials.workspaceId);
        break;
      }
    }
    if (!result.granted) throw denial(result.reason, request.headers['x-workspace-id']);
    const { tenant, workspace, role } = result.access;
    if (tenant.suspended) throw mcpErrors.MCP_TENANT_SUSPENDED({ tenantId: tenant.id });
    return {
      tenantId: tenant.id,
      workspaceId: workspace.id,
      role,
      allowedBaseIds: workspace.allowedBaseIds,
      airtable: await options.airtable.forTenant(tenant),
    };
  };
}

async function verifiedSubject(verifier: JwtVerifier, token: string): Promise<string> {
  try {
    return (await verifier.verify(token)).sub;
  } catch (error) {
    if (error instanceof JwtVerificationError) {
      const hint = error.reason === 'expired' ? ' Refresh it and retry.' : '';
      throw mcpErrors.MCP_UNAUTHENTICATED(
        { reason: `The access token was rejected (${error.reason}).${hint}` },
        error,
      );
    }
    if (error instanceof JwksUnavailableError) throw mcpErrors.MCP_IDENTITY_UNAVAILABLE({}, error);
    throw error;
  }
}

// Unknown and not-a-member answer alike, so a caller cannot probe which workspaces exist.
function denial(
  reason: Exclude<AccessResult, { granted: true }>['reason'],
  workspaceHeader: unknown,
) {
  switch (reason) {
    case 'invalid-api-key':
      return mcpErrors.MCP_UNAUTHENTICATED({
        reason: 'The API key is unknown, revoked or expired.',
      });
    case 'unknown-user':
      return mcpErrors.MCP_UNAUTHENTICATED({
        reason: 'The access token names a user that does not exist.',
      });
    case 'user-disabled':
      return mcpErrors.MCP_FORBIDDEN({ reason: 'This account is disabled.' });
    case 'unknown-workspace':
    case 'not-a-member':
      return mcpErrors.MCP_WORKSPACE_NOT_FOUND({
        workspaceId: typeof workspaceHeader === 'string' ? workspaceHeader : 'named by the API key',
      });
  }
}

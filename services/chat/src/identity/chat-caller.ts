import type { FastifyRequest } from 'fastify';
import { JwksUnavailableError, JwtVerificationError } from '@pyairtable/kit';
import type { JwtVerifier } from '@pyairtable/kit';
import { readCallerCredentials, WORKSPACE_HEADER } from '@pyairtable/registry';
import type {
  AccessResult,
  Tenant,
  Workspace,
  WorkspaceAccessResolver,
  WorkspaceRole,
} from '@pyairtable/registry';
import { chatErrors } from '../chat-errors.ts';
import type { ForwardedIdentity } from '../mcp/workspace-tools.ts';

/** Who is chatting, in which workspace, and how to act as them towards mcp. */
export interface ChatCaller {
  /** Owns sessions: the user id, or `apikey:<id>` for a machine client. */
  readonly ownerId: string;
  readonly tenant: Tenant;
  readonly workspace: Workspace;
  readonly role: WorkspaceRole;
  /** The caller's own credentials, for mcp to check again. */
  readonly forwarded: ForwardedIdentity;
}

/** Resolves callers of chat's API for a workspace. */
export interface ChatCallers {
  /**
   * The caller acting in `workspaceId` (an API key's own workspace when omitted). Rejects
   * with 401 for bad credentials, 404 for a workspace they are not in, 403 when suspended.
   */
  resolve(request: FastifyRequest, workspaceId: string | undefined): Promise<ChatCaller>;
}

/** Callers checked like mcp checks them: the gateway's tokens or API keys, then the registry. */
export function createChatCallers(options: {
  readonly verifier: JwtVerifier;
  readonly access: WorkspaceAccessResolver;
}): ChatCallers {
  return {
    async resolve(request, workspaceId) {
      const credentials = readCallerCredentials(request.headers);
      let result: AccessResult;
      let forwarded: ForwardedIdentity;
      let ownerId: (access: Extract<AccessResult, { granted: true }>['access']) => string;
      switch (credentials.kind) {
        case 'none':
        case 'malformed':
          throw chatErrors.CHAT_UNAUTHENTICATED({
            reason: 'Send "Authorization: Bearer <access token>" or an API key.',
          });
        case 'apiKey':
          result = await options.access.forApiKey(credentials.secret);
          forwarded = { 'x-api-key': credentials.secret };
          ownerId = (access) =>
            access.principal.kind === 'apiKey' ? `apikey:${access.principal.keyId}` : '';
          break;
        case 'accessToken': {
          const userId = await verifiedSubject(options.verifier, credentials.token);
          const wanted = workspaceId ?? credentials.workspaceId;
          if (wanted === undefined)
            throw chatErrors.CHAT_WORKSPACE_NOT_FOUND({ workspaceId: '(none given)' });
          result = await options.access.forUser(userId, wanted);
          forwarded = { authorization: `Bearer ${credentials.token}`, [WORKSPACE_HEADER]: wanted };
          ownerId = () => userId;
          break;
        }
      }
      if (!result.granted) {
        if (result.reason === 'invalid-api-key' || result.reason === 'unknown-user') {
          throw chatErrors.CHAT_UNAUTHENTICATED({
            reason: 'These credentials are no longer valid.',
          });
        }
        if (result.reason === 'user-disabled') {
          throw chatErrors.CHAT_UNAUTHENTICATED({ reason: 'This account is disabled.' });
        }
        throw chatErrors.CHAT_WORKSPACE_NOT_FOUND({
          workspaceId: workspaceId ?? '(named by the key)',
        });
      }
      const { access } = result;
      // An API key acts only in its own workspace, whatever the request names.
      if (workspaceId !== undefined && access.workspace.id !== workspaceId) {
        throw chatErrors.CHAT_WORKSPACE_NOT_FOUND({ workspaceId });
      }
      if (access.tenant.suspended) throw chatErrors.CHAT_TENANT_SUSPENDED({});
      return {
        ownerId: ownerId(access),
        tenant: access.tenant,
        workspace: access.workspace,
        role: access.role,
        forwarded,
      };
    },
  };
}

async function verifiedSubject(verifier: JwtVerifier, token: string): Promise<string> {
  try {
    return (await verifier.verify(token)).sub;
  } catch (error) {
    if (error instanceof JwtVerificationError) {
      throw chatErrors.CHAT_UNAUTHENTICATED(
        { reason: `The access token was rejected (${error.reason}).` },
        error,
      );
    }
    if (error instanceof JwksUnavailableError)
      throw chatErrors.CHAT_IDENTITY_UNAVAILABLE({}, error);
    throw error;
  }
}

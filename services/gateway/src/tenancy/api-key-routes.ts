import type { ServiceApp } from '@pyairtable/kit';
import type { GatewayContext } from '../gateway-context.ts';
import { gatewayErrors } from '../gateway-errors.ts';
import { auditActor } from './tenancy-audit.ts';
import { NoContentSchema, problemResponses } from './problem-responses.ts';
import { WorkspaceParams } from './tenancy-schemas.ts';
import { memberAccess, requireOwner } from './workspace-access.ts';
import {
  ApiKeyListSchema,
  ApiKeyParams,
  CreateApiKeySchema,
  CreatedApiKeySchema,
  toApiKeyView,
} from './workspace-schemas.ts';

const DAY_MS = 86_400_000;

/**
 * `/api/workspaces/:id/api-keys`, owners only: machine clients' keys for one workspace. Keys
 * are not part of a Workspace resource, so they stay manageable when the operator manages
 * the workspace. The secret is returned once, at creation; the registry keeps only its hash.
 */
export function apiKeyRoutes(app: ServiceApp, context: GatewayContext): void {
  const { registry, audit } = context;

  app.get(
    '/api/workspaces/:id/api-keys',
    {
      schema: {
        operationId: 'listWorkspaceApiKeys',
        tags: ['api-keys'],
        summary: 'List the API keys of a workspace',
        description: 'Owners only. Revoked and expired keys are listed too; secrets never are.',
        params: WorkspaceParams,
        response: { 200: ApiKeyListSchema, ...problemResponses(403, 404) },
      },
    },
    async (request) => {
      const access = await memberAccess(registry, request.caller, request.params.id);
      requireOwner(access, 'see API keys');
      const apiKeys = await registry.apiKeys.list(access.workspace.id);
      return { apiKeys: apiKeys.map(toApiKeyView) };
    },
  );

  app.post(
    '/api/workspaces/:id/api-keys',
    {
      schema: {
        operationId: 'createWorkspaceApiKey',
        tags: ['api-keys'],
        summary: 'Create an API key',
        description:
          'Owners only. The response holds the secret, shown this once: it cannot be retrieved later.',
        params: WorkspaceParams,
        body: CreateApiKeySchema,
        response: { 201: CreatedApiKeySchema, ...problemResponses(403, 404) },
      },
    },
    async (request, reply) => {
      const access = await memberAccess(registry, request.caller, request.params.id);
      requireOwner(access, 'create API keys');
      const { name, role, expiresInDays } = request.body;
      const created = await registry.apiKeys.create({
        workspaceId: access.workspace.id,
        name,
        role,
        createdBy: request.caller.userId,
        expiresAt:
          expiresInDays === undefined ? null : new Date(Date.now() + expiresInDays * DAY_MS),
      });
      const apiKey = toApiKeyView(created.apiKey);
      await audit.record({
        action: 'api_key.create',
        outcome: 'success',
        ...auditActor(request),
        targetType: 'api_key',
        targetId: apiKey.id,
        details: { workspaceId: apiKey.workspaceId, name, role, expiresAt: apiKey.expiresAt },
      });
      return reply.code(201).send({ apiKey, secret: created.secret });
    },
  );

  app.delete(
    '/api/workspaces/:id/api-keys/:keyId',
    {
      schema: {
        operationId: 'revokeWorkspaceApiKey',
        tags: ['api-keys'],
        summary: 'Revoke an API key',
        description: 'Owners only. The key stops working at once; revoking it again is harmless.',
        params: ApiKeyParams,
        response: { 204: NoContentSchema, ...problemResponses(403, 404) },
      },
    },
    async (request, reply) => {
      const { id, keyId } = request.params;
      const access = await memberAccess(registry, request.caller, id);
      requireOwner(access, 'revoke API keys');
      // Scoped to the workspace: a key of another workspace is as unknown as a made-up id.
      if (!(await registry.apiKeys.revoke(access.workspace.id, keyId))) {
        throw gatewayErrors.GW_NOT_FOUND({ what: 'API key', id: keyId });
      }
      await audit.record({
        action: 'api_key.revoke',
        outcome: 'success',
        ...auditActor(request),
        targetType: 'api_key',
        targetId: keyId,
        details: { workspaceId: access.workspace.id },
      });
      return reply.code(204).send(null);
    },
  );
}

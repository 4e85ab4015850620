import type { ServiceApp } from '@pyairtable/kit';
import type { GatewayContext } from '../gateway-context.ts';
import { gatewayErrors } from '../gateway-errors.ts';
import { apiKeyRoutes } from './api-key-routes.ts';
import { memberRoutes } from './member-routes.ts';
import { problemResponses } from './problem-responses.ts';
import { WorkspaceParams } from './tenancy-schemas.ts';
import { memberAccess } from './workspace-access.ts';
import {
  toWorkspaceDetail,
  toWorkspaceSummary,
  WorkspaceDetailSchema,
  WorkspaceListSchema,
} from './workspace-schemas.ts';

/**
 * The signed-in user's workspaces: `/api/workspaces`, their members and API keys. Every route
 * needs an access token; a workspace whose members do not include the caller's email answers
 * 404 as if it did not exist. Register with `app.register(workspaceRoutes, context)`.
 */
export function workspaceRoutes(app: ServiceApp, context: GatewayContext): void {
  // A hook on this plugin rather than an option per route, so no route can be left open.
  app.addHook('preHandler', (request) => app.authenticate(request));

  app.get(
    '/api/workspaces',
    {
      schema: {
        operationId: 'listMyWorkspaces',
        tags: ['workspaces'],
        summary: 'List your workspaces',
        description: 'The workspaces whose members include your email, with your role in each.',
        response: { 200: WorkspaceListSchema, ...problemResponses() },
      },
    },
    async (request) => {
      const memberships = await context.registry.workspaces.listForEmail(request.caller.email);
      return {
        workspaces: memberships.map(({ workspace, role }) => toWorkspaceSummary(workspace, role)),
      };
    },
  );

  app.get(
    '/api/workspaces/:id',
    {
      schema: {
        operationId: 'getMyWorkspace',
        tags: ['workspaces'],
        summary: 'Get one of your workspaces',
        description:
          'Its allowed Airtable bases, model settings, the quotas in force (its overrides capped by its tenant’s) and its tenant.',
        params: WorkspaceParams,
        response: { 200: WorkspaceDetailSchema, ...problemResponses(404) },
      },
    },
    async (request) => {
      const { workspace, role } = await memberAccess(
        context.registry,
        request.caller,
        request.params.id,
      );
      const tenant = await context.registry.tenants.get(workspace.tenantId);
      // Only a deletion racing this request leaves a workspace without its tenant.
      if (tenant === undefined)
        throw gatewayErrors.GW_NOT_FOUND({ what: 'Workspace', id: workspace.id });
      return toWorkspaceDetail(workspace, tenant, role);
    },
  );

  memberRoutes(app, context);
  apiKeyRoutes(app, context);
}

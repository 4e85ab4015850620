import type { ServiceApp } from '@pyairtable/kit';
import type { Workspace } from '@pyairtable/registry';
import type { GatewayContext } from '../gateway-context.ts';
import { gatewayErrors } from '../gateway-errors.ts';
import {
  AdminWorkspaceDetailSchema,
  AdminWorkspaceListSchema,
  AdminWorkspaceQuerySchema,
  CreateAdminWorkspaceSchema,
  PatchAdminWorkspaceSchema,
  toAdminWorkspace,
  toAdminWorkspaceDetail,
} from './admin-workspace-schemas.ts';
import { NoContentSchema, problemResponses } from './problem-responses.ts';
import { auditAdminChange } from './tenancy-audit.ts';
import { IdParams } from './tenancy-schemas.ts';
import { refuseOperatorManaged } from './workspace-access.ts';

const TAGS = ['admin'];

/**
 * `/api/admin/workspaces`: any tenant's workspaces with their members, for running without
 * Kubernetes. Workspaces the operator manages, and new ones in a tenant it manages, answer
 * 409: the resources are the truth there.
 */
export function adminWorkspaceRoutes(app: ServiceApp, context: GatewayContext): void {
  const { registry, audit } = context;
  const writable = async (id: string): Promise<Workspace> => {
    const workspace = await registry.workspaces.get(id);
    if (workspace === undefined) throw gatewayErrors.GW_NOT_FOUND({ what: 'Workspace', id });
    refuseOperatorManaged('Workspace', workspace);
    return workspace;
  };

  app.get(
    '/api/admin/workspaces',
    {
      schema: {
        operationId: 'adminListWorkspaces',
        tags: TAGS,
        summary: 'List workspaces',
        querystring: AdminWorkspaceQuerySchema,
        response: { 200: AdminWorkspaceListSchema, ...problemResponses(403) },
      },
    },
    async (request) => {
      const workspaces = await registry.workspaces.list({ tenantId: request.query.tenantId });
      return { workspaces: workspaces.map(toAdminWorkspace) };
    },
  );

  app.post(
    '/api/admin/workspaces',
    {
      schema: {
        operationId: 'adminCreateWorkspace',
        tags: TAGS,
        summary: 'Create a workspace',
        description:
          'Quota overrides above the tenant’s answer 422; a tenant at its maxWorkspaces answers 409.',
        body: CreateAdminWorkspaceSchema,
        response: { 201: AdminWorkspaceDetailSchema, ...problemResponses(403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { members, ...input } = request.body;
      const tenant = await registry.tenants.get(input.tenantId);
      if (tenant === undefined) {
        throw gatewayErrors.GW_NOT_FOUND({ what: 'Tenant', id: input.tenantId });
      }
      refuseOperatorManaged('Tenant', tenant);
      const workspace = await registry.workspaces.create({ ...input, managedBy: 'api' });
      const written = await registry.members.replaceAll(workspace.id, members ?? []);
      await auditAdminChange(audit, request, {
        targetType: 'workspace',
        targetId: workspace.id,
        operation: 'create',
        fields: Object.keys(request.body),
      });
      return reply.code(201).send(toAdminWorkspaceDetail(workspace, written));
    },
  );

  app.get(
    '/api/admin/workspaces/:id',
    {
      schema: {
        operationId: 'adminGetWorkspace',
        tags: TAGS,
        summary: 'Get a workspace with its members',
        params: IdParams,
        response: { 200: AdminWorkspaceDetailSchema, ...problemResponses(403, 404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const [workspace, members] = await Promise.all([
        registry.workspaces.get(id),
        registry.members.list(id),
      ]);
      if (workspace === undefined) throw gatewayErrors.GW_NOT_FOUND({ what: 'Workspace', id });
      return toAdminWorkspaceDetail(workspace, members);
    },
  );

  app.patch(
    '/api/admin/workspaces/:id',
    {
      schema: {
        operationId: 'adminUpdateWorkspace',
        tags: TAGS,
        summary: 'Change a workspace',
        description:
          'Given fields replace the current ones; `members` replaces the whole list. Operator-managed workspaces answer 409.',
        params: IdParams,
        body: PatchAdminWorkspaceSchema,
        response: { 200: AdminWorkspaceDetailSchema, ...problemResponses(403, 404, 409, 422) },
      },
    },
    async (request) => {
      const current = await writable(request.params.id);
      const { members, ...patch } = request.body;
      const updated = await registry.workspaces.update(current.id, patch);
      if (updated === undefined) {
        throw gatewayErrors.GW_NOT_FOUND({ what: 'Workspace', id: current.id });
      }
      const written =
        members === undefined
          ? await registry.members.list(current.id)
          : await registry.members.replaceAll(current.id, members);
      await auditAdminChange(audit, request, {
        targetType: 'workspace',
        targetId: current.id,
        operation: 'update',
        fields: Object.keys(request.body),
      });
      return toAdminWorkspaceDetail(updated, written);
    },
  );

  app.delete(
    '/api/admin/workspaces/:id',
    {
      schema: {
        operationId: 'adminDeleteWorkspace',
        tags: TAGS,
        summary: 'Delete a workspace',
        description: 'Deletes its members and API keys with it.',
        params: IdParams,
        response: { 204: NoContentSchema, ...problemResponses(403, 404, 409) },
      },
    },
    async (request, reply) => {
      const workspace = await writable(request.params.id);
      if (!(await registry.workspaces.delete(workspace.id))) {
        throw gatewayErrors.GW_NOT_FOUND({ what: 'Workspace', id: workspace.id });
      }
      await auditAdminChange(audit, request, {
        targetType: 'workspace',
        targetId: workspace.id,
        operation: 'delete',
      });
      return reply.code(204).send(null);
    },
  );
}

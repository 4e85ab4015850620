import type { ServiceApp } from '@pyairtable/kit';
import type { Tenant } from '@pyairtable/registry';
import type { GatewayContext } from '../gateway-context.ts';
import { gatewayErrors } from '../gateway-errors.ts';
import {
  AirtableTokenSchema,
  CreateTenantSchema,
  PatchTenantSchema,
  TenantListSchema,
  TenantSchema,
  toTenantView,
} from './admin-tenant-schemas.ts';
import { NoContentSchema, problemResponses } from './problem-responses.ts';
import { auditAdminChange } from './tenancy-audit.ts';
import { IdParams } from './tenancy-schemas.ts';
import { refuseOperatorManaged } from './workspace-access.ts';

const TAGS = ['admin'];

/**
 * `/api/admin/tenants`: tenants and their Airtable tokens, for running without Kubernetes.
 * Tenants the operator manages are read-only here (409): their resource is the truth.
 */
export function adminTenantRoutes(app: ServiceApp, context: GatewayContext): void {
  const { registry, audit } = context;
  const existing = async (id: string): Promise<Tenant> => {
    const tenant = await registry.tenants.get(id);
    if (tenant === undefined) throw gatewayErrors.GW_NOT_FOUND({ what: 'Tenant', id });
    return tenant;
  };
  const writable = async (id: string): Promise<Tenant> => {
    const tenant = await existing(id);
    refuseOperatorManaged('Tenant', tenant);
    return tenant;
  };

  app.get(
    '/api/admin/tenants',
    {
      schema: {
        operationId: 'adminListTenants',
        tags: TAGS,
        summary: 'List tenants',
        response: { 200: TenantListSchema, ...problemResponses(403) },
      },
    },
    async () => ({ tenants: (await registry.tenants.list()).map(toTenantView) }),
  );

  app.post(
    '/api/admin/tenants',
    {
      schema: {
        operationId: 'adminCreateTenant',
        tags: TAGS,
        summary: 'Create a tenant',
        description: 'Quotas default to the platform defaults. Set its Airtable token next.',
        body: CreateTenantSchema,
        response: { 201: TenantSchema, ...problemResponses(403, 409) },
      },
    },
    async (request, reply) => {
      const tenant = await registry.tenants.create({ ...request.body, managedBy: 'api' });
      await auditAdminChange(audit, request, {
        targetType: 'tenant',
        targetId: tenant.id,
        operation: 'create',
        fields: Object.keys(request.body),
      });
      return reply.code(201).send(toTenantView(tenant));
    },
  );

  app.get(
    '/api/admin/tenants/:id',
    {
      schema: {
        operationId: 'adminGetTenant',
        tags: TAGS,
        summary: 'Get a tenant',
        params: IdParams,
        response: { 200: TenantSchema, ...problemResponses(403, 404) },
      },
    },
    async (request) => toTenantView(await existing(request.params.id)),
  );

  app.patch(
    '/api/admin/tenants/:id',
    {
      schema: {
        operationId: 'adminUpdateTenant',
        tags: TAGS,
        summary: 'Change a tenant',
        description: 'Quotas left out keep their value. Operator-managed tenants answer 409.',
        params: IdParams,
        body: PatchTenantSchema,
        response: { 200: TenantSchema, ...problemResponses(403, 404, 409) },
      },
    },
    async (request) => {
      const current = await writable(request.params.id);
      const { displayName, quotas, suspended } = request.body;
      const updated = await registry.tenants.update(current.id, {
        displayName,
        quotas: quotas === undefined ? undefined : { ...current.quotas, ...quotas },
        suspended,
      });
      if (updated === undefined)
        throw gatewayErrors.GW_NOT_FOUND({ what: 'Tenant', id: current.id });
      await auditAdminChange(audit, request, {
        targetType: 'tenant',
        targetId: current.id,
        operation: 'update',
        fields: Object.keys(request.body),
      });
      return toTenantView(updated);
    },
  );

  app.delete(
    '/api/admin/tenants/:id',
    {
      schema: {
        operationId: 'adminDeleteTenant',
        tags: TAGS,
        summary: 'Delete a tenant',
        description: 'Deletes its workspaces, members and API keys with it.',
        params: IdParams,
        response: { 204: NoContentSchema, ...problemResponses(403, 404, 409) },
      },
    },
    async (request, reply) => {
      const tenant = await writable(request.params.id);
      if (!(await registry.tenants.delete(tenant.id))) {
        throw gatewayErrors.GW_NOT_FOUND({ what: 'Tenant', id: tenant.id });
      }
      await auditAdminChange(audit, request, {
        targetType: 'tenant',
        targetId: tenant.id,
        operation: 'delete',
      });
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/admin/tenants/:id/airtable-token',
    {
      schema: {
        operationId: 'adminSetTenantAirtableToken',
        tags: TAGS,
        summary: "Set a tenant's Airtable token",
        description:
          'Stored encrypted; never returned or logged. Its status is `unchecked` until validated.',
        params: IdParams,
        body: AirtableTokenSchema,
        response: { 204: NoContentSchema, ...problemResponses(403, 404, 409) },
      },
    },
    async (request, reply) => {
      const tenant = await writable(request.params.id);
      if (!(await registry.credentials.setToken(tenant.id, request.body.token))) {
        throw gatewayErrors.GW_NOT_FOUND({ what: 'Tenant', id: tenant.id });
      }
      await auditAdminChange(audit, request, {
        targetType: 'tenant',
        targetId: tenant.id,
        operation: 'set_airtable_token',
      });
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/admin/tenants/:id/airtable-token',
    {
      schema: {
        operationId: 'adminClearTenantAirtableToken',
        tags: TAGS,
        summary: "Forget a tenant's Airtable token",
        description: 'Its workspaces cannot reach Airtable until a new token is set.',
        params: IdParams,
        response: { 204: NoContentSchema, ...problemResponses(403, 404, 409) },
      },
    },
    async (request, reply) => {
      const tenant = await writable(request.params.id);
      if (!(await registry.credentials.clearToken(tenant.id))) {
        throw gatewayErrors.GW_NOT_FOUND({ what: 'Tenant', id: tenant.id });
      }
      await auditAdminChange(audit, request, {
        targetType: 'tenant',
        targetId: tenant.id,
        operation: 'clear_airtable_token',
      });
      return reply.code(204).send(null);
    },
  );
}

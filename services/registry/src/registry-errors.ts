import { defineErrors } from '@pyairtable/kit';

/** Errors the registry raises for writes that break its rules. */
export const registryErrors = defineErrors({
  REGISTRY_CONFLICT: {
    status: 409,
    title: 'Already exists',
    detail: (params: { what: string }) => `${params.what} already exists.`,
  },
  REGISTRY_NOT_FOUND: {
    status: 404,
    title: 'Not found',
    detail: (params: { what: string; id: string }) => `${params.what} ${params.id} does not exist.`,
  },
  REGISTRY_WORKSPACE_LIMIT: {
    status: 409,
    title: 'Workspace limit reached',
    detail: (params: { tenantId: string; maxWorkspaces: number }) =>
      `Tenant ${params.tenantId} already has its maximum of ${String(params.maxWorkspaces)} workspaces.`,
  },
  REGISTRY_QUOTA_ABOVE_TENANT: {
    status: 422,
    title: 'Quota above the tenant',
    detail: (params: { quota: string; requested: number; tenantLimit: number }) =>
      `Workspace quota ${params.quota} (${String(params.requested)}) may not exceed the tenant's ${String(params.tenantLimit)}.`,
  },
});

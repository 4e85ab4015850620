import { registryErrors } from './registry-errors.ts';
import type { Tenant, Workspace } from './registry-records.ts';
import type { TenantQuotas, WorkspaceQuotaOverrides } from './registry-schemas.ts';

/** The quotas that apply to a workspace: its overrides, capped by its tenant's. */
export type EffectiveQuotas = Omit<TenantQuotas, 'maxWorkspaces'>;

/** A workspace's quotas: each override where set (never above the tenant), else the tenant's. */
export function effectiveQuotas(tenant: Tenant, workspace: Workspace): EffectiveQuotas {
  const pick = (quota: keyof EffectiveQuotas): number =>
    Math.min(workspace.quotaOverrides[quota] ?? tenant.quotas[quota], tenant.quotas[quota]);
  return {
    chatRequestsPerMinute: pick('chatRequestsPerMinute'),
    llmTokensPerDay: pick('llmTokensPerDay'),
    airtableRequestsPerSecond: pick('airtableRequestsPerSecond'),
  };
}

/** Rejects overrides above the tenant's quotas with a 422 naming the first one. */
export function checkOverrides(quotas: TenantQuotas, overrides: WorkspaceQuotaOverrides): void {
  for (const [quota, requested] of Object.entries(overrides) as [
    keyof WorkspaceQuotaOverrides,
    number | undefined,
  ][]) {
    if (requested !== undefined && requested > quotas[quota]) {
      throw registryErrors.REGISTRY_QUOTA_ABOVE_TENANT({
        quota,
        requested,
        tenantLimit: quotas[quota],
      });
    }
  }
}

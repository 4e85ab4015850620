import type { TenantQuotas, WorkspaceQuotaOverrides } from '@pyairtable/registry';

/** Overrides lowered to the tenant's quotas, and what was lowered. */
export interface ClampedOverrides {
  readonly overrides: WorkspaceQuotaOverrides;
  readonly clamped: readonly string[];
}

/** Each override above the tenant's quota is lowered to it (a Workspace never exceeds its tenant). */
export function clampOverrides(
  requested: WorkspaceQuotaOverrides | undefined,
  tenant: TenantQuotas,
): ClampedOverrides {
  const overrides: Record<string, number> = {};
  const clamped: string[] = [];
  for (const [quota, value] of Object.entries(requested ?? {}) as [
    keyof WorkspaceQuotaOverrides,
    number | undefined,
  ][]) {
    if (value === undefined) continue;
    const limit = tenant[quota];
    overrides[quota] = Math.min(value, limit);
    if (value > limit) clamped.push(`${quota} ${value} lowered to the tenant's ${limit}`);
  }
  return { overrides, clamped };
}

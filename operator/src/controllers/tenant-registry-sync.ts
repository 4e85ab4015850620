import { SecretDecryptionError } from '@pyairtable/kit';
import { DEFAULT_TENANT_QUOTAS } from '@pyairtable/registry';
import type { Registry, Tenant as RegistryTenant, TenantQuotas } from '@pyairtable/registry';
import type { Tenant } from '../api/v1alpha1/index.ts';
import type { AirtableChecks } from '../platform/airtable-checks.ts';
import { registryTenantName } from './conditions.ts';
import type { SecretToken } from './tenant-secret.ts';

/** The registry's tenant as the Tenant resource says it should be. */
export async function syncRegistryTenant(
  registry: Registry,
  tenant: Tenant,
): Promise<RegistryTenant> {
  const name = registryTenantName(
    tenant.metadata.namespace ?? 'default',
    tenant.metadata.name ?? '',
  );
  const desired = {
    name,
    displayName: tenant.spec.displayName,
    quotas: { ...DEFAULT_TENANT_QUOTAS, ...tenant.spec.quotas } satisfies TenantQuotas,
    suspended: tenant.spec.suspend ?? false,
    managedBy: 'operator' as const,
  };
  const current = await registry.tenants.getByName(name);
  // Writing only real changes keeps resyncs quiet: every write is announced to all services.
  if (current !== undefined && sameTenant(current, desired)) return current;
  return registry.tenants.upsertByName(desired);
}

function sameTenant(
  current: RegistryTenant,
  desired: Pick<RegistryTenant, 'displayName' | 'quotas' | 'suspended' | 'managedBy'>,
): boolean {
  return (
    current.displayName === desired.displayName &&
    current.suspended === desired.suspended &&
    current.managedBy === desired.managedBy &&
    (Object.keys(desired.quotas) as (keyof TenantQuotas)[]).every(
      (quota) => current.quotas[quota] === desired.quotas[quota],
    )
  );
}

/** Where the tenant's credential stands after a reconcile. */
export type CredentialState =
  | {
      readonly kind: 'valid';
      readonly airtableUserId: string;
      readonly checkedAt: Date;
      readonly version: number;
    }
  | {
      readonly kind: 'rejected';
      readonly message: string;
      readonly checkedAt: Date;
      readonly version: number;
    }
  | { readonly kind: 'unavailable'; readonly message: string; readonly version: number }
  | { readonly kind: 'problem'; readonly reason: string; readonly message: string };

/**
 * Stores the Secret's token (encrypted by the registry) when it differs from the stored one,
 * and checks it with Airtable when it is new, unchecked, or its last check is older than
 * `revalidateAfterMs` — never on every reconcile, since Airtable limits calls per token.
 */
export async function syncCredential(options: {
  readonly registry: Registry;
  readonly airtable: AirtableChecks;
  readonly tenant: RegistryTenant;
  readonly secret: SecretToken;
  readonly revalidateAfterMs: number;
  readonly now: Date;
}): Promise<CredentialState> {
  const { registry, airtable, secret } = options;
  let tenant = options.tenant;
  if (secret.kind === 'problem') {
    // The Secret is the source of truth: a token taken out of it stops being used.
    if (tenant.credential.status !== 'missing') await registry.credentials.clearToken(tenant.id);
    return { kind: 'problem', reason: secret.reason, message: secret.message };
  }
  // A token under a key no longer configured cannot be read; storing it again re-encrypts it.
  const stored = await registry.credentials.readToken(tenant.id).catch((error: unknown) => {
    if (error instanceof SecretDecryptionError) return undefined;
    throw error;
  });
  if (stored?.token !== secret.token) {
    await registry.credentials.setToken(tenant.id, secret.token);
    tenant = (await registry.tenants.get(tenant.id)) ?? tenant;
  }
  const { credential } = tenant;
  const checkedAt = credential.checkedAt;
  const fresh =
    checkedAt !== null && options.now.getTime() - checkedAt.getTime() < options.revalidateAfterMs;
  if (credential.status === 'valid' && fresh && credential.airtableUserId !== null) {
    return {
      kind: 'valid',
      airtableUserId: credential.airtableUserId,
      checkedAt,
      version: credential.version,
    };
  }
  if (credential.status === 'invalid' && fresh) {
    return {
      kind: 'rejected',
      message: credential.message ?? 'Airtable rejected the token',
      checkedAt,
      version: credential.version,
    };
  }
  const outcome = await airtable.whoami(secret.token);
  if (outcome.kind === 'unavailable') {
    return { kind: 'unavailable', message: outcome.message, version: credential.version };
  }
  const check =
    outcome.kind === 'ok'
      ? { valid: true as const, airtableUserId: outcome.result.userId }
      : { valid: false as const, message: outcome.message };
  await registry.credentials.recordCheck(tenant.id, credential.version, check);
  return check.valid
    ? {
        kind: 'valid',
        airtableUserId: check.airtableUserId,
        checkedAt: options.now,
        version: credential.version,
      }
    : {
        kind: 'rejected',
        message: check.message,
        checkedAt: options.now,
        version: credential.version,
      };
}

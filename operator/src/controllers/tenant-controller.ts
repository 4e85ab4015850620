import type { Tenant } from '../api/v1alpha1/index.ts';
import { ensureFinalizer, findCondition, kubeStatus, removeFinalizer } from '../runtime/index.ts';
import type { ObjectKey, Reconcile, ReconcileResult } from '../runtime/index.ts';
import { ConditionType, REGISTRY_FINALIZER, registryTenantName } from './conditions.ts';
import { workspacesOf } from './controller-context.ts';
import type { ControllerContext } from './controller-context.ts';
import { statusChanged } from './status-diff.ts';
import { syncCredential, syncRegistryTenant } from './tenant-registry-sync.ts';
import type { CredentialState } from './tenant-registry-sync.ts';
import { readTenantToken } from './tenant-secret.ts';
import { tenantStatus } from './tenant-status.ts';
import type { TenantObservation } from './tenant-status.ts';

/** Raised after the status is written when Airtable gave no verdict: the queue retries with backoff. */
export class RetryLater extends Error {
  override readonly name = 'RetryLater';
}

/**
 * The Tenant reconcile: fetch (cache, Secret), desired state (registry tenant, encrypted
 * token, Airtable check), status (conditions, Events). Idempotent: a reconcile with nothing
 * new writes nothing and calls Airtable only when the token changed or its check expired.
 */
export function tenantReconciler(context: ControllerContext): Reconcile {
  return async (key) => {
    const cached = context.tenantCache.get(key.namespace, key.name);
    if (cached === undefined) return undefined;
    if (cached.metadata.deletionTimestamp !== undefined) {
      await finalizeTenant(context, key, cached);
      return undefined;
    }
    const tenant = await ensureFinalizer(context.tenants, cached, REGISTRY_FINALIZER);
    const now = new Date();
    const workspaceCount = workspacesOf(context, key.namespace, key.name).length;
    const suspended = tenant.spec.suspend ?? false;
    let observation: TenantObservation;
    try {
      const registryTenant = await syncRegistryTenant(context.registry, tenant);
      const secret = await readTenantToken(context.core, tenant);
      const credential = await syncCredential({
        registry: context.registry,
        airtable: context.airtable,
        tenant: registryTenant,
        secret,
        revalidateAfterMs: context.revalidateIntervalMs,
        now,
      });
      observation = {
        tenantId: registryTenant.id,
        credential,
        workspaceCount,
        maxWorkspaces: registryTenant.quotas.maxWorkspaces,
        suspended,
      };
    } catch (error) {
      if (!isRegistryFailure(error)) throw error;
      observation = { registryError: describe(error), workspaceCount, suspended };
    }
    await writeStatus(context, tenant, observation, now);
    if (observation.registryError !== undefined) throw new RetryLater(observation.registryError);
    if (observation.credential?.kind === 'unavailable') {
      throw new RetryLater(`Airtable unavailable: ${observation.credential.message}`);
    }
    return nextCheck(context, observation.credential, now);
  };
}

async function writeStatus(
  context: ControllerContext,
  tenant: Tenant,
  observation: TenantObservation,
  now: Date,
): Promise<void> {
  const status = tenantStatus(tenant, observation, now);
  if (!statusChanged(tenant.status, status)) return;
  const key = { namespace: tenant.metadata.namespace ?? '', name: tenant.metadata.name ?? '' };
  await context.tenants.patchStatus(key, status);
  const before = findCondition(tenant.status?.conditions, ConditionType.CredentialsValid);
  const after = findCondition(status.conditions, ConditionType.CredentialsValid);
  if (after !== undefined && (before?.status !== after.status || before.reason !== after.reason)) {
    await context.events.record(tenant, {
      type: after.status === 'False' ? 'Warning' : 'Normal',
      reason: after.reason,
      action: 'ValidateToken',
      note: after.message,
    });
  }
}

async function finalizeTenant(
  context: ControllerContext,
  key: ObjectKey,
  tenant: Tenant,
): Promise<void> {
  if (!(tenant.metadata.finalizers ?? []).includes(REGISTRY_FINALIZER)) return;
  const existing = await context.registry.tenants.getByName(
    registryTenantName(key.namespace, key.name),
  );
  if (existing !== undefined) {
    await context.registry.tenants.delete(existing.id);
    await context.events.record(tenant, {
      type: 'Normal',
      reason: 'Removed',
      action: 'Delete',
      note: `Tenant ${existing.id} and its workspaces were removed from the platform registry.`,
    });
  }
  await removeFinalizer(context.tenants, tenant, REGISTRY_FINALIZER);
}

// The next look at the token: the revalidation interval after its last check, ±10% so a
// thousand tenants created together do not call Airtable together again.
function nextCheck(
  context: ControllerContext,
  credential: CredentialState | undefined,
  now: Date,
): ReconcileResult {
  const interval = context.revalidateIntervalMs;
  const jitter = 1 + ((context.random ?? Math.random)() * 0.2 - 0.1);
  const checkedAt =
    credential !== undefined && 'checkedAt' in credential ? credential.checkedAt : now;
  const dueInMs = checkedAt.getTime() + interval * jitter - now.getTime();
  return { requeueAfterMs: Math.max(1_000, dueInMs) };
}

// Postgres failures (the registry) become a Synced=False condition the user can see;
// Kubernetes API failures (reading the Secret) are retried as they are.
function isRegistryFailure(error: unknown): boolean {
  return kubeStatus(error) === undefined && !(error instanceof RetryLater);
}

function describe(error: unknown): string {
  return `The platform registry could not be written: ${error instanceof Error ? error.message : String(error)}`;
}

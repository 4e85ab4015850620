import { AppError } from '@pyairtable/kit';
import type { Tenant as RegistryTenant } from '@pyairtable/registry';
import type { Workspace } from '../api/v1alpha1/index.ts';
import { ensureFinalizer, findCondition, removeFinalizer } from '../runtime/index.ts';
import type { Reconcile } from '../runtime/index.ts';
import { ConditionType, REGISTRY_FINALIZER, Reason, registryTenantName } from './conditions.ts';
import type { ControllerContext } from './controller-context.ts';
import { statusChanged } from './status-diff.ts';
import { RetryLater } from './tenant-controller.ts';
import type { BaseAccessChecker } from './workspace-bases.ts';
import { clampOverrides } from './workspace-quotas.ts';
import { findRegistryWorkspace, syncRegistryWorkspace } from './workspace-registry-sync.ts';
import { workspaceStatus } from './workspace-status.ts';
import type { WorkspaceObservation } from './workspace-status.ts';

/**
 * The Workspace reconcile: resolve the Tenant (waiting with a clear condition until it is
 * ready), check the bases with the tenant's token, write the workspace, members and clamped
 * quota overrides to the registry, and report. Tenant changes re-queue their Workspaces.
 */
export function workspaceReconciler(
  context: ControllerContext,
  bases: BaseAccessChecker,
): Reconcile {
  return async (key) => {
    const cached = context.workspaceCache.get(key.namespace, key.name);
    if (cached === undefined) return undefined;
    if (cached.metadata.deletionTimestamp !== undefined) {
      await finalizeWorkspace(context, cached);
      bases.forget(cached.metadata.uid ?? '');
      return undefined;
    }
    const workspace = await ensureFinalizer(context.workspaces, cached, REGISTRY_FINALIZER);
    const observation = await observe(context, bases, workspace);
    const status = workspaceStatus(workspace, observation, new Date());
    if (statusChanged(workspace.status, status)) {
      await context.workspaces.patchStatus(key, status);
      await recordEvents(context, workspace, status.conditions);
    }
    if (observation.bases?.kind === 'unavailable') throw new RetryLater(observation.bases.message);
    return undefined;
  };
}

async function observe(
  context: ControllerContext,
  bases: BaseAccessChecker,
  workspace: Workspace,
): Promise<WorkspaceObservation> {
  const namespace = workspace.metadata.namespace ?? '';
  const tenantName = workspace.spec.tenantRef.name;
  const { spec } = workspace;
  const clampedNothing = { clamped: [] };
  if (context.tenantCache.get(namespace, tenantName) === undefined) {
    return {
      ...clampedNothing,
      blocked: {
        reason: Reason.TenantNotFound,
        message: `Tenant ${tenantName} does not exist in namespace ${namespace}; the workspace waits for it.`,
      },
    };
  }
  const tenant = await context.registry.tenants.getByName(
    registryTenantName(namespace, tenantName),
  );
  const credential =
    tenant === undefined ? undefined : await context.registry.credentials.readToken(tenant.id);
  if (tenant === undefined || credential === undefined || tenant.credential.status !== 'valid') {
    return {
      ...clampedNothing,
      blocked: {
        reason: Reason.TenantNotReady,
        message: `Tenant ${tenantName} has no valid Airtable token yet; the workspace waits for it.`,
      },
    };
  }
  const { overrides, clamped } = clampOverrides(spec.quotaOverrides, tenant.quotas);
  const checked = await bases.check({
    workspaceUid: workspace.metadata.uid ?? `${namespace}/${workspace.metadata.name ?? ''}`,
    bases: spec.airtable.bases,
    token: credential.token,
    credentialVersion: credential.version,
  });
  try {
    const written = await syncRegistryWorkspace(context.registry, {
      tenantId: tenant.id,
      name: workspace.metadata.name ?? '',
      displayName: spec.displayName,
      allowedBaseIds: spec.airtable.bases,
      quotaOverrides: overrides,
      modelSettings: spec.model ?? {},
      members: spec.members ?? [],
    });
    return { workspaceId: written.id, bases: checked, clamped };
  } catch (error) {
    if (error instanceof AppError && error.code === 'REGISTRY_WORKSPACE_LIMIT') {
      return { bases: checked, clamped, blocked: limitReached(tenant, error) };
    }
    throw error;
  }
}

function limitReached(
  tenant: RegistryTenant,
  error: AppError,
): { reason: string; message: string } {
  return {
    reason: Reason.WorkspaceLimitReached,
    message: `Tenant ${tenant.name} already has quotas.maxWorkspaces (${tenant.quotas.maxWorkspaces}) workspaces: ${error.detail}`,
  };
}

async function recordEvents(
  context: ControllerContext,
  workspace: Workspace,
  conditions: Parameters<typeof findCondition>[0],
): Promise<void> {
  for (const type of [ConditionType.BasesAccessible, ConditionType.Synced]) {
    const before = findCondition(workspace.status?.conditions, type);
    const after = findCondition(conditions, type);
    if (after === undefined || (before?.status === after.status && before.reason === after.reason))
      continue;
    await context.events.record(workspace, {
      type: after.status === 'False' ? 'Warning' : 'Normal',
      reason: after.reason,
      action: type === ConditionType.BasesAccessible ? 'CheckBases' : 'Sync',
      note: after.message,
    });
  }
}

async function finalizeWorkspace(context: ControllerContext, workspace: Workspace): Promise<void> {
  if (!(workspace.metadata.finalizers ?? []).includes(REGISTRY_FINALIZER)) return;
  const namespace = workspace.metadata.namespace ?? '';
  const tenant = await context.registry.tenants.getByName(
    registryTenantName(namespace, workspace.spec.tenantRef.name),
  );
  const existing =
    tenant === undefined
      ? undefined
      : await findRegistryWorkspace(context.registry, tenant.id, workspace.metadata.name ?? '');
  if (existing !== undefined) {
    await context.registry.workspaces.delete(existing.id);
    await context.events.record(workspace, {
      type: 'Normal',
      reason: 'Removed',
      action: 'Delete',
      note: `Workspace ${existing.id} was removed from the platform registry.`,
    });
  }
  await removeFinalizer(context.workspaces, workspace, REGISTRY_FINALIZER);
}

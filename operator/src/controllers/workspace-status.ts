import type { Workspace, WorkspaceStatus } from '../api/v1alpha1/index.ts';
import { setConditions } from '../runtime/index.ts';
import type { DesiredCondition } from '../runtime/index.ts';
import { ConditionType, Reason } from './conditions.ts';
import type { CheckOutcome } from '../platform/airtable-checks.ts';
import type { BaseAccess } from './workspace-bases.ts';

/** What the Workspace reconcile found. */
export interface WorkspaceObservation {
  /** Why the workspace cannot be synced yet (no Tenant, Tenant not ready, no room). */
  readonly blocked?: { readonly reason: string; readonly message: string };
  readonly workspaceId?: string;
  readonly bases?: CheckOutcome<BaseAccess>;
  readonly clamped: readonly string[];
}

/** The Workspace's status for an observation. */
export function workspaceStatus(
  workspace: Workspace,
  observation: WorkspaceObservation,
  now: Date,
): WorkspaceStatus {
  const { blocked, bases } = observation;
  const synced: DesiredCondition =
    blocked === undefined
      ? {
          type: ConditionType.Synced,
          status: 'True',
          reason: Reason.Synced,
          message: 'The platform registry holds this workspace and its members.',
        }
      : { type: ConditionType.Synced, status: 'False', ...blocked };
  const accessible = basesCondition(bases, blocked);
  const clamped: DesiredCondition =
    observation.clamped.length === 0
      ? {
          type: ConditionType.QuotasClamped,
          status: 'False',
          reason: Reason.WithinTenantQuotas,
          message: "Every quota override is within the tenant's quotas.",
        }
      : {
          type: ConditionType.QuotasClamped,
          status: 'True',
          reason: Reason.ClampedToTenantQuotas,
          message: `${observation.clamped.join('; ')}.`,
        };
  const ready: DesiredCondition =
    synced.status !== 'True'
      ? { ...synced, type: ConditionType.Ready, status: 'False' }
      : accessible.status !== 'True'
        ? { ...accessible, type: ConditionType.Ready, status: 'False' }
        : {
            type: ConditionType.Ready,
            status: 'True',
            reason: Reason.Ready,
            message: 'The workspace is served.',
          };
  const generation = workspace.metadata.generation;
  return {
    conditions: setConditions(
      workspace.status?.conditions,
      [synced, accessible, clamped, ready],
      generation,
      now,
    ),
    ...(generation === undefined ? {} : { observedGeneration: generation }),
    ...(observation.workspaceId === undefined ? {} : { workspaceId: observation.workspaceId }),
    ...(bases?.kind === 'ok'
      ? {
          bases: bases.result.found.map((base) => ({ ...base })),
          missingBases: [...bases.result.missing],
        }
      : {}),
  };
}

function basesCondition(
  bases: WorkspaceObservation['bases'],
  blocked: WorkspaceObservation['blocked'],
): DesiredCondition {
  const type = ConditionType.BasesAccessible;
  if (bases === undefined) {
    return {
      type,
      status: 'Unknown',
      reason: blocked?.reason ?? Reason.TenantNotReady,
      message: 'Bases are checked once the tenant has a valid token.',
    };
  }
  if (bases.kind === 'rejected')
    return { type, status: 'False', reason: Reason.TokenRejected, message: bases.message };
  if (bases.kind === 'unavailable')
    return { type, status: 'Unknown', reason: Reason.AirtableUnavailable, message: bases.message };
  const { found, missing } = bases.result;
  if (missing.length > 0) {
    return {
      type,
      status: 'False',
      reason: Reason.BasesNotFound,
      message: `The tenant's token cannot reach ${missing.join(', ')}${found.length > 0 ? `; found ${found.map((base) => `${base.id} (${base.name})`).join(', ')}` : ''}.`,
    };
  }
  return {
    type,
    status: 'True',
    reason: Reason.AllBasesAccessible,
    message: `Found ${found.map((base) => `${base.id} (${base.name})`).join(', ')}.`,
  };
}

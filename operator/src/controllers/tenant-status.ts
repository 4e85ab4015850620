import type { Tenant, TenantStatus } from '../api/v1alpha1/index.ts';
import { setConditions } from '../runtime/index.ts';
import type { DesiredCondition } from '../runtime/index.ts';
import { ConditionType, Reason } from './conditions.ts';
import type { CredentialState } from './tenant-registry-sync.ts';

/** What the Tenant reconcile found, from which its status follows. */
export interface TenantObservation {
  readonly tenantId?: string;
  readonly credential?: CredentialState;
  /** Set when the registry could not be written. */
  readonly registryError?: string;
  readonly workspaceCount: number;
  readonly maxWorkspaces?: number;
  readonly suspended: boolean;
}

/** The Tenant's status for an observation (conditions keep their transition times). */
export function tenantStatus(
  tenant: Tenant,
  observation: TenantObservation,
  now: Date,
): TenantStatus {
  const previous = tenant.status ?? {};
  const credentialsValid = credentialCondition(observation.credential);
  const synced: DesiredCondition =
    observation.registryError === undefined
      ? {
          type: ConditionType.Synced,
          status: 'True',
          reason: Reason.Synced,
          message: 'The platform registry holds this tenant.',
        }
      : {
          type: ConditionType.Synced,
          status: 'False',
          reason: Reason.RegistryUnavailable,
          message: observation.registryError,
        };
  const limit = observation.maxWorkspaces;
  const { workspaceCount } = observation;
  const withinLimit: DesiredCondition =
    limit === undefined
      ? {
          type: ConditionType.WorkspacesWithinLimit,
          status: 'Unknown',
          reason: Reason.RegistryUnavailable,
          message: `${workspaceCount} Workspaces reference this tenant; its limit is not known while the registry is unavailable.`,
        }
      : workspaceCount <= limit
        ? {
            type: ConditionType.WorkspacesWithinLimit,
            status: 'True',
            reason: Reason.WithinLimit,
            message: `${workspaceCount} of at most ${limit} Workspaces.`,
          }
        : {
            type: ConditionType.WorkspacesWithinLimit,
            status: 'False',
            reason: Reason.MaxWorkspacesExceeded,
            message: `${workspaceCount} Workspaces reference this tenant but quotas.maxWorkspaces is ${limit}: ${workspaceCount - limit} cannot be served.`,
          };
  const conditions = setConditions(
    previous.conditions,
    [
      credentialsValid,
      synced,
      withinLimit,
      readyCondition(credentialsValid, synced, observation.suspended),
    ],
    tenant.metadata.generation,
    now,
  );
  const credential = observation.credential;
  return {
    conditions,
    ...(tenant.metadata.generation === undefined
      ? {}
      : { observedGeneration: tenant.metadata.generation }),
    ...(observation.tenantId === undefined ? {} : { tenantId: observation.tenantId }),
    ...(credential?.kind === 'valid' ? { airtableUserId: credential.airtableUserId } : {}),
    ...(credential !== undefined && 'checkedAt' in credential
      ? { credentialCheckedAt: credential.checkedAt.toISOString() }
      : previous.credentialCheckedAt === undefined
        ? {}
        : { credentialCheckedAt: previous.credentialCheckedAt }),
    ...(credential !== undefined && 'version' in credential
      ? { credentialVersion: credential.version }
      : {}),
    workspaceCount: observation.workspaceCount,
  };
}

function credentialCondition(credential: CredentialState | undefined): DesiredCondition {
  const type = ConditionType.CredentialsValid;
  switch (credential?.kind) {
    case 'valid':
      return {
        type,
        status: 'True',
        reason: Reason.TokenValid,
        message: `Airtable accepted the token (user ${credential.airtableUserId}).`,
      };
    case 'rejected':
      return {
        type,
        status: 'False',
        reason: Reason.TokenRejected,
        message: `Airtable rejected the token: ${credential.message}`,
      };
    case 'unavailable':
      return {
        type,
        status: 'Unknown',
        reason: Reason.AirtableUnavailable,
        message: `Airtable could not check the token yet: ${credential.message}`,
      };
    case 'problem':
      return { type, status: 'False', reason: credential.reason, message: credential.message };
    case undefined:
      return {
        type,
        status: 'Unknown',
        reason: Reason.RegistryUnavailable,
        message: 'The token could not be stored yet.',
      };
  }
}

function readyCondition(
  credentials: DesiredCondition,
  synced: DesiredCondition,
  suspended: boolean,
): DesiredCondition {
  const type = ConditionType.Ready;
  if (synced.status !== 'True') return { ...synced, type, status: 'False' };
  if (credentials.status !== 'True') return { ...credentials, type, status: 'False' };
  if (suspended) {
    return {
      type,
      status: 'False',
      reason: Reason.Suspended,
      message: "spec.suspend is true: the platform refuses this tenant's requests.",
    };
  }
  return {
    type,
    status: 'True',
    reason: Reason.Ready,
    message: 'The tenant is served with a valid Airtable token.',
  };
}

/**
 * Condition types and reasons the controllers set: what `kubectl get` shows in the Reason
 * column and what `kubectl wait --for=condition=...` waits on.
 */
export const ConditionType = {
  Ready: 'Ready',
  CredentialsValid: 'CredentialsValid',
  Synced: 'Synced',
  WorkspacesWithinLimit: 'WorkspacesWithinLimit',
  BasesAccessible: 'BasesAccessible',
  QuotasClamped: 'QuotasClamped',
} as const;

export const Reason = {
  // Ready
  Ready: 'Ready',
  Suspended: 'Suspended',
  // Credentials
  TokenValid: 'TokenValid',
  SecretNotFound: 'SecretNotFound',
  KeyMissing: 'KeyMissing',
  TokenRejected: 'TokenRejected',
  AirtableUnavailable: 'AirtableUnavailable',
  // Registry
  Synced: 'Synced',
  RegistryUnavailable: 'RegistryUnavailable',
  WorkspaceLimitReached: 'WorkspaceLimitReached',
  WithinLimit: 'WithinLimit',
  MaxWorkspacesExceeded: 'MaxWorkspacesExceeded',
  // Workspaces
  TenantNotFound: 'TenantNotFound',
  TenantNotReady: 'TenantNotReady',
  AllBasesAccessible: 'AllBasesAccessible',
  BasesNotFound: 'BasesNotFound',
  WithinTenantQuotas: 'WithinTenantQuotas',
  ClampedToTenantQuotas: 'ClampedToTenantQuotas',
} as const;

/** The finalizer both controllers put on their objects to clean the registry on deletion. */
export const REGISTRY_FINALIZER = 'pyairtable.io/registry-cleanup';

/** The registry name of a Tenant resource: unique across namespaces. */
export function registryTenantName(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

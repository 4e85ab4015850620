/**
 * The platform registry: users, tenants, workspaces, members, API keys and tenants' encrypted
 * Airtable credentials in Postgres. The gateway and the operator write it; mcp and chat read it.
 */
export { createRegistry } from './create-registry.ts';
export type { Registry, RegistryOptions } from './create-registry.ts';
export {
  migrateRegistry,
  REGISTRY_MIGRATIONS_DIR,
  REGISTRY_MIGRATIONS_TABLE,
} from './migrate-registry.ts';
export type { ApiKey, Member, Tenant, User, Workspace } from './registry-records.ts';
export {
  AirtableBaseId,
  DEFAULT_TENANT_QUOTAS,
  ManagedBy,
  ModelSettings,
  PlatformRole,
  TenantQuotas,
  WorkspaceQuotaOverrides,
  WorkspaceRole,
} from './registry-schemas.ts';
export type { CredentialStatus } from './registry-schemas.ts';
export { registryErrors } from './registry-errors.ts';
export { newId } from './registry-ids.ts';
export { effectiveQuotas } from './quotas.ts';
export type { EffectiveQuotas } from './quotas.ts';
export type { TenantInput, TenantPatch, TenantRepository } from './tenants.ts';
export type { CredentialCheck, CredentialVault, TenantCredential } from './credential-vault.ts';
export type {
  WorkspaceInput,
  WorkspaceMembership,
  WorkspacePatch,
  WorkspaceRepository,
} from './workspaces.ts';
export type { MemberInput, MemberRepository } from './members.ts';
export type { UserCredentials, UserInput, UserRepository } from './users.ts';
export { API_KEY_PREFIX } from './api-keys.ts';
export type { ApiKeyInput, ApiKeyRepository, CreatedApiKey } from './api-keys.ts';
export type {
  AccessDenial,
  AccessResult,
  Principal,
  WorkspaceAccess,
  WorkspaceAccessResolver,
} from './workspace-access.ts';
export {
  onRegistryChange,
  publishRegistryChange,
  REGISTRY_CHANGES_CHANNEL,
} from './registry-changes.ts';
export type { RegistryChange } from './registry-changes.ts';
export { API_KEY_HEADER, readCallerCredentials, WORKSPACE_HEADER } from './caller-credentials.ts';
export type { CallerCredentials } from './caller-credentials.ts';
export { createCachedAccessResolver } from './cached-access-resolver.ts';
export type { CachedAccessOptions, CachedAccessResolver } from './cached-access-resolver.ts';
export {
  accessTokenConfigProperties,
  DEFAULT_TOKEN_AUDIENCE,
  DEFAULT_TOKEN_ISSUER,
  registryConfigProperties,
} from './registry-config.ts';
export {
  listenForRegistryChanges,
  notifyRegistryChange,
  REGISTRY_NOTIFY_CHANNEL,
} from './registry-notifications.ts';
export type { StopListening } from './registry-notifications.ts';
export { openRegistry } from './open-registry.ts';
export type { OpenedRegistry, OpenRegistryOptions } from './open-registry.ts';

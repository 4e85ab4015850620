/**
 * `pyairtable.io/v1alpha1`: the Tenant and Workspace resources. Their TypeBox schemas are the
 * one source of the Static types the controllers use and of the CRDs (see ../crd-definitions.ts).
 */
export { Condition, Conditions } from './conditions-schema.ts';
export type { ConditionStatus } from './conditions-schema.ts';
export { API_VERSION, CATEGORY, GROUP, VERSION } from './group-version.ts';
export { DisplayName, DNS_SUBDOMAIN_MAX_LENGTH, DNS_SUBDOMAIN_PATTERN } from './names-schema.ts';
export {
  DEFAULT_TOKEN_SECRET_KEY,
  TENANT_CONDITION_TYPES,
  TENANT_KIND,
  TENANT_PLURAL,
  TENANT_SHORT_NAME,
  TenantSpec,
  TenantSpecQuotas,
  TenantStatus,
  TokenSecretRef,
} from './tenant-types.ts';
export type { Tenant } from './tenant-types.ts';
export {
  BaseId,
  MAX_WORKSPACE_BASES,
  MAX_WORKSPACE_MEMBERS,
  ResolvedBase,
  WORKSPACE_CONDITION_TYPES,
  WORKSPACE_KIND,
  WORKSPACE_PLURAL,
  WORKSPACE_SHORT_NAME,
  WorkspaceMember,
  WorkspaceSpec,
  WorkspaceSpecQuotaOverrides,
  WorkspaceStatus,
} from './workspace-types.ts';
export type { Workspace } from './workspace-types.ts';

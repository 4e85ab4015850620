/**
 * The PyAirtable operator: Tenant and Workspace resources (pyairtable.io/v1alpha1) become
 * validated, encrypted Airtable credentials, workspaces, members and quotas in the registry.
 */
export { buildOperator } from './operator.ts';
export type { Operator, OperatorOptions } from './operator.ts';
export { operatorConfigSchema } from './operator-config.ts';
export type { OperatorConfig } from './operator-config.ts';
export {
  ConditionType,
  Reason,
  REGISTRY_FINALIZER,
  registryTenantName,
} from './controllers/conditions.ts';
export { allCrds, tenantCrd, workspaceCrd } from './api/crd-definitions.ts';
export {
  API_VERSION,
  GROUP,
  TENANT_KIND,
  TENANT_PLURAL,
  VERSION,
  WORKSPACE_KIND,
  WORKSPACE_PLURAL,
} from './api/v1alpha1/index.ts';
export type {
  Tenant,
  TenantSpec,
  TenantStatus,
  Workspace,
  WorkspaceSpec,
  WorkspaceStatus,
} from './api/v1alpha1/index.ts';

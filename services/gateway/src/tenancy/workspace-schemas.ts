import { Type } from 'typebox';
import type { Static } from 'typebox';
import { effectiveQuotas, ManagedBy, ModelSettings, WorkspaceRole } from '@pyairtable/registry';
import type { ApiKey, Tenant, Workspace, WorkspaceRole as Role } from '@pyairtable/registry';
import { DateTime, isoOrNull, OptionalDateTime, RegistryId } from './tenancy-schemas.ts';

/** A workspace in the caller's list, with the caller's role in it. */
export const WorkspaceSummarySchema = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  name: Type.String(),
  displayName: Type.String(),
  role: WorkspaceRole,
  managedBy: ManagedBy,
});
type WorkspaceSummary = Static<typeof WorkspaceSummarySchema>;

/** The caller's workspaces. */
export const WorkspaceListSchema = Type.Object({ workspaces: Type.Array(WorkspaceSummarySchema) });

/** The quotas that apply to a workspace: its overrides capped by its tenant's. */
export const EffectiveQuotasSchema = Type.Object({
  chatRequestsPerMinute: Type.Integer(),
  llmTokensPerDay: Type.Integer(),
  airtableRequestsPerSecond: Type.Integer(),
});

/** One workspace as its members see it. */
export const WorkspaceDetailSchema = Type.Object({
  ...WorkspaceSummarySchema.properties,
  tenantDisplayName: Type.String(),
  allowedBaseIds: Type.Array(Type.String()),
  modelSettings: ModelSettings,
  quotas: EffectiveQuotasSchema,
  createdAt: DateTime,
  updatedAt: DateTime,
});
type WorkspaceDetail = Static<typeof WorkspaceDetailSchema>;

/** A workspace and the role of the caller in it, as the API lists it. */
export function toWorkspaceSummary(workspace: Workspace, role: Role): WorkspaceSummary {
  return {
    id: workspace.id,
    tenantId: workspace.tenantId,
    name: workspace.name,
    displayName: workspace.displayName,
    role,
    managedBy: workspace.managedBy,
  };
}

/** A workspace with its tenant's name and the quotas in force, as its members see it. */
export function toWorkspaceDetail(
  workspace: Workspace,
  tenant: Tenant,
  role: Role,
): WorkspaceDetail {
  return {
    ...toWorkspaceSummary(workspace, role),
    tenantDisplayName: tenant.displayName,
    allowedBaseIds: [...workspace.allowedBaseIds],
    modelSettings: workspace.modelSettings,
    quotas: effectiveQuotas(tenant, workspace),
    createdAt: workspace.createdAt.toISOString(),
    updatedAt: workspace.updatedAt.toISOString(),
  };
}

/** `:id` of a workspace and `:keyId` of one of its API keys. */
export const ApiKeyParams = Type.Object(
  { id: RegistryId, keyId: RegistryId },
  { additionalProperties: false },
);

/** An API key's description; its secret is never part of it. */
export const ApiKeySchema = Type.Object({
  id: Type.String(),
  workspaceId: Type.String(),
  name: Type.String(),
  role: WorkspaceRole,
  createdBy: Type.Union([Type.String(), Type.Null()], { description: 'The user who made it.' }),
  createdAt: DateTime,
  expiresAt: OptionalDateTime,
  lastUsedAt: OptionalDateTime,
  revokedAt: OptionalDateTime,
});
type ApiKeyView = Static<typeof ApiKeySchema>;

/** A workspace's API keys, revoked ones included, newest first. */
export const ApiKeyListSchema = Type.Object({ apiKeys: Type.Array(ApiKeySchema) });

/** What a new API key needs. */
export const CreateApiKeySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    role: WorkspaceRole,
    expiresInDays: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 365, description: 'Never expires when left out.' }),
    ),
  },
  { additionalProperties: false },
);

/** A key just made, with its secret: shown this once and never again. */
export const CreatedApiKeySchema = Type.Object({
  apiKey: ApiKeySchema,
  secret: Type.String({
    description:
      'Send it as the X-API-Key header (or as a bearer token). It is shown only now: store it safely.',
  }),
});

/** A registry API key as an API object. */
export function toApiKeyView(apiKey: ApiKey): ApiKeyView {
  return {
    id: apiKey.id,
    workspaceId: apiKey.workspaceId,
    name: apiKey.name,
    role: apiKey.role,
    createdBy: apiKey.createdBy,
    createdAt: apiKey.createdAt.toISOString(),
    expiresAt: isoOrNull(apiKey.expiresAt),
    lastUsedAt: isoOrNull(apiKey.lastUsedAt),
    revokedAt: isoOrNull(apiKey.revokedAt),
  };
}

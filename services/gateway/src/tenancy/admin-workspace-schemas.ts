import { Type } from 'typebox';
import type { Static } from 'typebox';
import {
  AirtableBaseId,
  ManagedBy,
  ModelSettings,
  WorkspaceQuotaOverrides,
} from '@pyairtable/registry';
import type { Member, Workspace } from '@pyairtable/registry';
import {
  DateTime,
  DisplayName,
  MemberInputSchema,
  MemberSchema,
  RegistryId,
  toMemberView,
  WorkspaceName,
} from './tenancy-schemas.ts';

/** A workspace as the admin API lists it. */
export const AdminWorkspaceSchema = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  name: Type.String(),
  displayName: Type.String(),
  allowedBaseIds: Type.Array(Type.String()),
  quotaOverrides: WorkspaceQuotaOverrides,
  modelSettings: ModelSettings,
  managedBy: ManagedBy,
  createdAt: DateTime,
  updatedAt: DateTime,
});
type AdminWorkspace = Static<typeof AdminWorkspaceSchema>;

/** A workspace with its members. */
export const AdminWorkspaceDetailSchema = Type.Object({
  ...AdminWorkspaceSchema.properties,
  members: Type.Array(MemberSchema),
});
type AdminWorkspaceDetail = Static<typeof AdminWorkspaceDetailSchema>;

/** Workspaces, optionally of one tenant. */
export const AdminWorkspaceListSchema = Type.Object({
  workspaces: Type.Array(AdminWorkspaceSchema),
});

/** `?tenantId=` of the workspace list. */
export const AdminWorkspaceQuerySchema = Type.Object(
  { tenantId: Type.Optional(RegistryId) },
  { additionalProperties: false },
);

const AllowedBaseIds = Type.Array(AirtableBaseId, {
  maxItems: 100,
  uniqueItems: true,
  description: 'The Airtable bases the workspace may use (app…).',
});

const Members = Type.Array(MemberInputSchema, {
  maxItems: 500,
  description: 'The whole member list; it replaces the current one.',
});

/** What a new workspace needs. */
export const CreateAdminWorkspaceSchema = Type.Object(
  {
    tenantId: RegistryId,
    name: WorkspaceName,
    displayName: DisplayName,
    allowedBaseIds: AllowedBaseIds,
    quotaOverrides: Type.Optional(WorkspaceQuotaOverrides),
    modelSettings: Type.Optional(ModelSettings),
    members: Type.Optional(Members),
  },
  { additionalProperties: false },
);

/** A change to a workspace; given fields replace, others keep their value. */
export const PatchAdminWorkspaceSchema = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    allowedBaseIds: Type.Optional(AllowedBaseIds),
    quotaOverrides: Type.Optional(WorkspaceQuotaOverrides),
    modelSettings: Type.Optional(ModelSettings),
    members: Type.Optional(Members),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** A registry workspace as an admin API object. */
export function toAdminWorkspace(workspace: Workspace): AdminWorkspace {
  return {
    id: workspace.id,
    tenantId: workspace.tenantId,
    name: workspace.name,
    displayName: workspace.displayName,
    allowedBaseIds: [...workspace.allowedBaseIds],
    quotaOverrides: workspace.quotaOverrides,
    modelSettings: workspace.modelSettings,
    managedBy: workspace.managedBy,
    createdAt: workspace.createdAt.toISOString(),
    updatedAt: workspace.updatedAt.toISOString(),
  };
}

/** A registry workspace and its members as an admin API object. */
export function toAdminWorkspaceDetail(
  workspace: Workspace,
  members: readonly Member[],
): AdminWorkspaceDetail {
  return { ...toAdminWorkspace(workspace), members: members.map(toMemberView) };
}

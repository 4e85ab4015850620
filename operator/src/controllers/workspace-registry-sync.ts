import type { MemberInput, Registry, Workspace as RegistryWorkspace } from '@pyairtable/registry';
import type { WorkspaceQuotaOverrides } from '@pyairtable/registry';
import type { Workspace } from '../api/v1alpha1/index.ts';

/** What the registry should hold for a Workspace resource. */
export interface DesiredWorkspace {
  readonly tenantId: string;
  readonly name: string;
  readonly displayName: string;
  readonly allowedBaseIds: readonly string[];
  readonly quotaOverrides: WorkspaceQuotaOverrides;
  readonly modelSettings: NonNullable<Workspace['spec']['model']>;
  readonly members: readonly MemberInput[];
}

/** The registry's workspace called `name` in the tenant, if any. */
export async function findRegistryWorkspace(
  registry: Registry,
  tenantId: string,
  name: string,
): Promise<RegistryWorkspace | undefined> {
  return (await registry.workspaces.list({ tenantId })).find(
    (workspace) => workspace.name === name,
  );
}

/**
 * Writes the workspace and its member list when they differ from the registry's (each write
 * is announced to every service, so a resync that changes nothing must write nothing).
 * Throws REGISTRY_WORKSPACE_LIMIT when the tenant has no room for a new workspace.
 */
export async function syncRegistryWorkspace(
  registry: Registry,
  desired: DesiredWorkspace,
): Promise<RegistryWorkspace> {
  const current = await findRegistryWorkspace(registry, desired.tenantId, desired.name);
  const workspace =
    current !== undefined && sameWorkspace(current, desired)
      ? current
      : await registry.workspaces.upsertByName({ ...desired, managedBy: 'operator' });
  const members = await registry.members.list(workspace.id);
  const wanted = desired.members.map((member) => ({
    email: member.email.toLowerCase(),
    role: member.role,
  }));
  const same =
    members.length === wanted.length &&
    wanted.every((member) =>
      members.some((existing) => existing.email === member.email && existing.role === member.role),
    );
  if (!same) await registry.members.replaceAll(workspace.id, wanted);
  return workspace;
}

function sameWorkspace(current: RegistryWorkspace, desired: DesiredWorkspace): boolean {
  return (
    current.displayName === desired.displayName &&
    current.managedBy === 'operator' &&
    sameJson([...current.allowedBaseIds].sort(), [...desired.allowedBaseIds].sort()) &&
    sameJson(sorted(current.quotaOverrides), sorted(desired.quotaOverrides)) &&
    sameJson(sorted(current.modelSettings), sorted(desired.modelSettings))
  );
}

const sorted = (value: object): [string, unknown][] =>
  Object.entries(value)
    .filter(([, entry]) => entry !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

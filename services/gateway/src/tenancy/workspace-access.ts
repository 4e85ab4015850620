import type { ManagedBy, Registry, Workspace, WorkspaceRole } from '@pyairtable/registry';
import type { Caller } from '../auth/authenticate.ts';
import { gatewayErrors } from '../gateway-errors.ts';

/** A workspace and the role the caller holds in it. */
export interface WorkspaceAccess {
  readonly workspace: Workspace;
  readonly role: WorkspaceRole;
}

/**
 * The workspace as the caller may see it. A workspace they are not a member of answers 404
 * exactly like one that does not exist (never 403), so nobody can probe for other tenants'
 * workspace ids; platform admins use the admin API instead.
 */
export async function memberAccess(
  registry: Pick<Registry, 'workspaces' | 'members'>,
  caller: Caller,
  workspaceId: string,
): Promise<WorkspaceAccess> {
  const [workspace, role] = await Promise.all([
    registry.workspaces.get(workspaceId),
    registry.members.roleOf(workspaceId, caller.email),
  ]);
  if (workspace === undefined || role === undefined) {
    throw gatewayErrors.GW_NOT_FOUND({ what: 'Workspace', id: workspaceId });
  }
  return { workspace, role };
}

/** Rejects with 403 unless the caller owns the workspace; `action` says what they tried. */
export function requireOwner(access: WorkspaceAccess, action: string): void {
  if (access.role !== 'owner') {
    throw gatewayErrors.GW_FORBIDDEN({
      reason: `Only owners of the workspace may ${action}; your role is ${access.role}.`,
    });
  }
}

/**
 * Rejects with 409 a change to an object the operator writes from a Kubernetes resource: it
 * would undo the change at its next reconcile, so the resource is where to change it.
 */
export function refuseOperatorManaged(
  what: 'Tenant' | 'Workspace',
  object: { readonly id: string; readonly managedBy: ManagedBy },
): void {
  if (object.managedBy === 'operator') {
    throw gatewayErrors.GW_MANAGED_BY_OPERATOR({ what, id: object.id });
  }
}

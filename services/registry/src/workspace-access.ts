import type { ApiKeyRepository } from './api-keys.ts';
import type { MemberRepository } from './members.ts';
import type { Tenant, Workspace } from './registry-records.ts';
import type { WorkspaceRole } from './registry-schemas.ts';
import type { TenantRepository } from './tenants.ts';
import type { UserRepository } from './users.ts';
import type { WorkspaceRepository } from './workspaces.ts';

/** Who is acting: a signed-in user, or a machine client holding an API key. */
export type Principal =
  | { readonly kind: 'user'; readonly userId: string; readonly email: string }
  | { readonly kind: 'apiKey'; readonly keyId: string; readonly name: string };

/** Everything a service needs to serve one caller in one workspace. */
export interface WorkspaceAccess {
  readonly principal: Principal;
  readonly tenant: Tenant;
  readonly workspace: Workspace;
  readonly role: WorkspaceRole;
}

/** Why access was refused; callers turn it into a 401, 403 or 404 of their own. */
export type AccessDenial =
  'unknown-user' | 'user-disabled' | 'unknown-workspace' | 'not-a-member' | 'invalid-api-key';

/** Access granted, or the reason it was not. */
export type AccessResult =
  | { readonly granted: true; readonly access: WorkspaceAccess }
  | { readonly granted: false; readonly reason: AccessDenial };

/** Resolves a caller's access to a workspace from the registry. */
export interface WorkspaceAccessResolver {
  forUser(userId: string, workspaceId: string): Promise<AccessResult>;
  forApiKey(secret: string): Promise<AccessResult>;
}

interface Repositories {
  readonly tenants: TenantRepository;
  readonly workspaces: WorkspaceRepository;
  readonly members: MemberRepository;
  readonly users: UserRepository;
  readonly apiKeys: ApiKeyRepository;
}

/** An access resolver over the registry's repositories. */
export function createWorkspaceAccessResolver(repositories: Repositories): WorkspaceAccessResolver {
  const { tenants, workspaces, members, users, apiKeys } = repositories;
  const denied = (reason: AccessDenial): AccessResult => ({ granted: false, reason });

  const withTenant = async (
    principal: Principal,
    workspace: Workspace | undefined,
    role: WorkspaceRole | undefined,
  ): Promise<AccessResult> => {
    if (workspace === undefined) return denied('unknown-workspace');
    if (role === undefined) return denied('not-a-member');
    const tenant = await tenants.get(workspace.tenantId);
    if (tenant === undefined) return denied('unknown-workspace');
    return { granted: true, access: { principal, tenant, workspace, role } };
  };

  return {
    async forUser(userId, workspaceId) {
      const user = await users.get(userId);
      if (user === undefined) return denied('unknown-user');
      if (user.disabled) return denied('user-disabled');
      const [workspace, role] = await Promise.all([
        workspaces.get(workspaceId),
        members.roleOf(workspaceId, user.email),
      ]);
      return withTenant({ kind: 'user', userId: user.id, email: user.email }, workspace, role);
    },
    async forApiKey(secret) {
      const key = await apiKeys.verify(secret);
      if (key === undefined) return denied('invalid-api-key');
      const workspace = await workspaces.get(key.workspaceId);
      return withTenant({ kind: 'apiKey', keyId: key.id, name: key.name }, workspace, key.role);
    },
  };
}

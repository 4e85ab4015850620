import type {
  CredentialStatus,
  ManagedBy,
  ModelSettings,
  PlatformRole,
  TenantQuotas,
  WorkspaceQuotaOverrides,
  WorkspaceRole,
} from './registry-schemas.ts';

/** A tenant as stored; its Airtable token is never part of it. */
export interface Tenant {
  readonly id: string;
  /** Unique and stable: the operator uses `<namespace>/<name>` of the Tenant resource. */
  readonly name: string;
  readonly displayName: string;
  readonly quotas: TenantQuotas;
  readonly suspended: boolean;
  readonly managedBy: ManagedBy;
  readonly credential: {
    readonly status: CredentialStatus;
    /** Bumped whenever the token changes, so caches keyed on it never serve an old token. */
    readonly version: number;
    readonly message: string | null;
    readonly checkedAt: Date | null;
    readonly airtableUserId: string | null;
  };
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A workspace: a tenant's window onto some of its Airtable bases. */
export interface Workspace {
  readonly id: string;
  readonly tenantId: string;
  /** Unique within the tenant. */
  readonly name: string;
  readonly displayName: string;
  readonly allowedBaseIds: readonly string[];
  readonly quotaOverrides: WorkspaceQuotaOverrides;
  readonly modelSettings: ModelSettings;
  readonly managedBy: ManagedBy;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A person who can sign in; the password hash stays inside the registry's user queries. */
export interface User {
  readonly id: string;
  readonly email: string;
  readonly username: string | null;
  readonly displayName: string;
  readonly platformRole: PlatformRole;
  readonly disabled: boolean;
  readonly createdAt: Date;
}

/** A workspace member, named by email (lower case). */
export interface Member {
  readonly workspaceId: string;
  readonly email: string;
  readonly role: WorkspaceRole;
  /** The user with that email, once they have signed up. */
  readonly userId: string | null;
  readonly createdAt: Date;
}

/** An API key's stored description; the secret is shown once, at creation, and never kept. */
export interface ApiKey {
  readonly id: string;
  readonly workspaceId: string;
  readonly name: string;
  readonly role: WorkspaceRole;
  readonly createdBy: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

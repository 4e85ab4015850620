import type { Pool } from 'pg';
import type { SecretCipher, SharedStore } from '@pyairtable/kit';
import { createApiKeyRepository } from './api-keys.ts';
import type { ApiKeyRepository } from './api-keys.ts';
import { createCredentialVault } from './credential-vault.ts';
import type { CredentialVault } from './credential-vault.ts';
import { createMemberRepository } from './members.ts';
import type { MemberRepository } from './members.ts';
import { publishRegistryChange } from './registry-changes.ts';
import { notifyRegistryChange } from './registry-notifications.ts';
import type { RegistryChange } from './registry-changes.ts';
import { createTenantRepository } from './tenants.ts';
import type { TenantRepository } from './tenants.ts';
import { createUserRepository } from './users.ts';
import type { UserRepository } from './users.ts';
import { createWorkspaceAccessResolver } from './workspace-access.ts';
import type { WorkspaceAccessResolver } from './workspace-access.ts';
import { createWorkspaceRepository } from './workspaces.ts';
import type { WorkspaceRepository } from './workspaces.ts';

/** Options of {@link createRegistry}. */
export interface RegistryOptions {
  /** The platform database, migrated with `migrateRegistry`. */
  readonly pool: Pool;
  /** Encrypts tenants' Airtable tokens at rest. */
  readonly cipher: SecretCipher;
  /**
   * Where writes are also announced (besides Postgres NOTIFY, which every process sharing the
   * database hears) so other replicas and services drop cached registry data.
   */
  readonly store?: SharedStore | undefined;
  /** Clock for API key expiry. */
  readonly now?: () => Date;
}

/** The registry's repositories; writes through them announce themselves on the store. */
export interface Registry {
  readonly tenants: TenantRepository;
  readonly credentials: CredentialVault;
  readonly workspaces: WorkspaceRepository;
  readonly members: MemberRepository;
  readonly users: UserRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly access: WorkspaceAccessResolver;
}

type AnyMethod = (...args: never[]) => Promise<unknown>;

/**
 * The registry on one pool. Each writing method is wrapped so that, once it succeeds, the
 * change is published: a reader's cache can never outlive a write by more than its own TTL,
 * and usually not at all.
 */
export function createRegistry(options: RegistryOptions): Registry {
  const { pool, cipher, store } = options;
  const announce = <Repository extends object>(
    repository: Repository,
    kind: RegistryChange['kind'],
    methods: readonly (keyof Repository)[],
  ): Repository => {
    const wrapped: Repository = { ...repository };
    for (const name of methods) {
      const method = repository[name] as AnyMethod;
      const publishing = async (...args: never[]): Promise<unknown> => {
        const result = await method(...args);
        const change = { kind, id: changedId(args, result) };
        await Promise.all([
          notifyRegistryChange(pool, change).catch(() => undefined),
          store === undefined
            ? undefined
            : publishRegistryChange(store, change).catch(() => undefined),
        ]);
        return result;
      };
      (wrapped as Record<keyof Repository, unknown>)[name] = publishing;
    }
    return wrapped;
  };

  const tenants = announce(createTenantRepository(pool), 'tenant', [
    'create',
    'upsertByName',
    'update',
    'delete',
  ]);
  const credentials = announce(createCredentialVault(pool, cipher), 'credential', [
    'setToken',
    'clearToken',
    'recordCheck',
  ]);
  const workspaces = announce(createWorkspaceRepository(pool), 'workspace', [
    'create',
    'upsertByName',
    'update',
    'delete',
  ]);
  const members = announce(createMemberRepository(pool), 'member', [
    'replaceAll',
    'upsert',
    'remove',
  ]);
  const users = announce(createUserRepository(pool), 'user', ['setPlatformRole', 'setDisabled']);
  const apiKeys = announce(createApiKeyRepository(pool, options.now), 'apiKey', ['revoke']);
  const access = createWorkspaceAccessResolver({ tenants, workspaces, members, users, apiKeys });
  return { tenants, credentials, workspaces, members, users, apiKeys, access };
}

// Writes take the object's id first (or return the object): name what changed by that.
function changedId(args: readonly unknown[], result: unknown): string {
  if (
    typeof result === 'object' &&
    result !== null &&
    'id' in result &&
    typeof result.id === 'string'
  ) {
    return result.id;
  }
  const [first] = args;
  return typeof first === 'string' ? first : '';
}

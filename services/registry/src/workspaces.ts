import { inTransaction } from '@pyairtable/kit';
import type { Pool } from 'pg';
import { conflictAs, queryChanged, queryRows } from './queryable.ts';
import type { Queryable } from './queryable.ts';
import { checkOverrides } from './quotas.ts';
import { registryErrors } from './registry-errors.ts';
import { newId } from './registry-ids.ts';
import type { Workspace } from './registry-records.ts';
import type {
  ManagedBy,
  ModelSettings,
  WorkspaceQuotaOverrides,
  WorkspaceRole,
} from './registry-schemas.ts';
import { TENANT_COLUMNS, toTenant } from './tenant-rows.ts';
import type { TenantRow } from './tenant-rows.ts';
import { toWorkspace, WORKSPACE_COLUMNS } from './workspace-rows.ts';
import type { WorkspaceRow } from './workspace-rows.ts';

/** What a new workspace needs. */
export interface WorkspaceInput {
  readonly tenantId: string;
  readonly name: string;
  readonly displayName: string;
  readonly allowedBaseIds?: readonly string[] | undefined;
  readonly quotaOverrides?: WorkspaceQuotaOverrides | undefined;
  readonly modelSettings?: ModelSettings | undefined;
  readonly managedBy?: ManagedBy | undefined;
}

/** The fields of a workspace that can change after creation (given ones replace). */
export interface WorkspacePatch {
  readonly displayName?: string | undefined;
  readonly allowedBaseIds?: readonly string[] | undefined;
  readonly quotaOverrides?: WorkspaceQuotaOverrides | undefined;
  readonly modelSettings?: ModelSettings | undefined;
}

/** A workspace with the role one user holds in it. */
export interface WorkspaceMembership {
  readonly workspace: Workspace;
  readonly role: WorkspaceRole;
}

/** Reads and writes workspaces. */
export interface WorkspaceRepository {
  /** Fails with REGISTRY_NOT_FOUND, REGISTRY_CONFLICT, REGISTRY_WORKSPACE_LIMIT or REGISTRY_QUOTA_ABOVE_TENANT. */
  create(input: WorkspaceInput): Promise<Workspace>;
  /** Creates or replaces the tenant's workspace called `input.name` (how the operator writes). */
  upsertByName(input: WorkspaceInput): Promise<Workspace>;
  update(id: string, patch: WorkspacePatch): Promise<Workspace | undefined>;
  get(id: string): Promise<Workspace | undefined>;
  list(filter?: { readonly tenantId?: string | undefined }): Promise<Workspace[]>;
  /** The workspaces whose members include `email`, with the role. */
  listForEmail(email: string): Promise<WorkspaceMembership[]>;
  delete(id: string): Promise<boolean>;
}

/** A workspace repository on `pool`. */
export function createWorkspaceRepository(pool: Pool): WorkspaceRepository {
  const select = `select ${WORKSPACE_COLUMNS} from registry_workspaces w`;
  const one = async (db: Queryable, text: string, values: readonly unknown[]) => {
    const [row] = await queryRows<WorkspaceRow>(db, text, values);
    return row === undefined ? undefined : toWorkspace(row);
  };

  // The tenant row is locked so two concurrent creations cannot both take the last slot.
  const write = (input: WorkspaceInput, onConflict: 'fail' | 'update'): Promise<Workspace> =>
    inTransaction(pool, async (client) => {
      const [tenantRow] = await queryRows<TenantRow>(
        client,
        `select ${TENANT_COLUMNS} from registry_tenants where id = $1 for update`,
        [input.tenantId],
      );
      if (tenantRow === undefined) {
        throw registryErrors.REGISTRY_NOT_FOUND({ what: 'Tenant', id: input.tenantId });
      }
      const tenant = toTenant(tenantRow);
      const overrides = input.quotaOverrides ?? {};
      checkOverrides(tenant.quotas, overrides);
      const [counted] = await queryRows<{ count: string; existing: boolean }>(
        client,
        `select count(*) as count, bool_or(name = $2) as existing
           from registry_workspaces where tenant_id = $1`,
        [tenant.id, input.name],
      );
      const isNew = counted?.existing !== true;
      if (isNew && Number(counted?.count ?? 0) >= tenant.quotas.maxWorkspaces) {
        throw registryErrors.REGISTRY_WORKSPACE_LIMIT({
          tenantId: tenant.id,
          maxWorkspaces: tenant.quotas.maxWorkspaces,
        });
      }
      const update =
        onConflict === 'update'
          ? `on conflict (tenant_id, name) do update set display_name = excluded.display_name,
               allowed_base_ids = excluded.allowed_base_ids,
               chat_requests_per_minute = excluded.chat_requests_per_minute,
               llm_tokens_per_day = excluded.llm_tokens_per_day,
               airtable_requests_per_second = excluded.airtable_requests_per_second,
               model_settings = excluded.model_settings, managed_by = excluded.managed_by,
               updated_at = now()`
          : '';
      const written = await one(
        client,
        `insert into registry_workspaces as w (id, tenant_id, name, display_name, allowed_base_ids,
           chat_requests_per_minute, llm_tokens_per_day, airtable_requests_per_second,
           model_settings, managed_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ${update}
         returning ${WORKSPACE_COLUMNS}`,
        [
          newId('workspace'),
          tenant.id,
          input.name,
          input.displayName,
          [...(input.allowedBaseIds ?? [])],
          overrides.chatRequestsPerMinute ?? null,
          overrides.llmTokensPerDay ?? null,
          overrides.airtableRequestsPerSecond ?? null,
          input.modelSettings ?? {},
          input.managedBy ?? 'api',
        ],
      ).catch(conflictAs(`A workspace named "${input.name}" in tenant ${tenant.id}`));
      if (written === undefined) throw new Error('insert returned no row');
      return written;
    });

  return {
    create: (input) => write(input, 'fail'),
    upsertByName: (input) => write(input, 'update'),
    async update(id, patch) {
      return inTransaction(pool, async (client) => {
        const current = await one(client, `${select} where w.id = $1 for update`, [id]);
        if (current === undefined) return undefined;
        if (patch.quotaOverrides !== undefined) {
          const [tenantRow] = await queryRows<TenantRow>(
            client,
            `select ${TENANT_COLUMNS} from registry_tenants where id = $1`,
            [current.tenantId],
          );
          if (tenantRow !== undefined)
            checkOverrides(toTenant(tenantRow).quotas, patch.quotaOverrides);
        }
        const overrides = patch.quotaOverrides ?? current.quotaOverrides;
        return one(
          client,
          `update registry_workspaces as w set display_name = $2, allowed_base_ids = $3,
             chat_requests_per_minute = $4, llm_tokens_per_day = $5,
             airtable_requests_per_second = $6, model_settings = $7, updated_at = now()
           where w.id = $1 returning ${WORKSPACE_COLUMNS}`,
          [
            id,
            patch.displayName ?? current.displayName,
            [...(patch.allowedBaseIds ?? current.allowedBaseIds)],
            overrides.chatRequestsPerMinute ?? null,
            overrides.llmTokensPerDay ?? null,
            overrides.airtableRequestsPerSecond ?? null,
            patch.modelSettings ?? current.modelSettings,
          ],
        );
      });
    },
    get: (id) => one(pool, `${select} where w.id = $1`, [id]),
    async list(filter = {}) {
      const rows = await queryRows<WorkspaceRow>(
        pool,
        `${select} where ($1::text is null or w.tenant_id = $1) order by w.tenant_id, w.name`,
        [filter.tenantId ?? null],
      );
      return rows.map(toWorkspace);
    },
    async listForEmail(email) {
      const rows = await queryRows<WorkspaceRow & { role: WorkspaceRole }>(
        pool,
        `select ${WORKSPACE_COLUMNS}, m.role from registry_workspaces w
           join registry_members m on m.workspace_id = w.id
          where m.email = lower($1) order by w.name`,
        [email],
      );
      return rows.map((row) => ({ workspace: toWorkspace(row), role: row.role }));
    },
    delete: (id) =>
      queryChanged(pool, 'delete from registry_workspaces where id = $1 returning id', [id]),
  };
}

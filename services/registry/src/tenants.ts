import { conflictAs, queryChanged, queryRows } from './queryable.ts';
import type { Queryable } from './queryable.ts';
import { newId } from './registry-ids.ts';
import type { Tenant } from './registry-records.ts';
import { DEFAULT_TENANT_QUOTAS } from './registry-schemas.ts';
import type { ManagedBy, TenantQuotas } from './registry-schemas.ts';
import { TENANT_COLUMNS, toTenant } from './tenant-rows.ts';
import type { TenantRow } from './tenant-rows.ts';

/** What a new tenant needs; quotas default to {@link DEFAULT_TENANT_QUOTAS}. */
export interface TenantInput {
  readonly name: string;
  readonly displayName: string;
  readonly quotas?: TenantQuotas | undefined;
  readonly suspended?: boolean | undefined;
  readonly managedBy?: ManagedBy | undefined;
}

/** The fields of a tenant that can change after creation. */
export interface TenantPatch {
  readonly displayName?: string | undefined;
  readonly quotas?: TenantQuotas | undefined;
  readonly suspended?: boolean | undefined;
}

/** Reads and writes tenants. */
export interface TenantRepository {
  /** Fails with REGISTRY_CONFLICT when the name is taken. */
  create(input: TenantInput): Promise<Tenant>;
  /** Creates or updates the tenant called `input.name` (how the operator writes). */
  upsertByName(input: TenantInput): Promise<Tenant>;
  update(id: string, patch: TenantPatch): Promise<Tenant | undefined>;
  get(id: string): Promise<Tenant | undefined>;
  getByName(name: string): Promise<Tenant | undefined>;
  list(): Promise<Tenant[]>;
  /** Deletes the tenant with its workspaces, members and API keys. */
  delete(id: string): Promise<boolean>;
}

/** A tenant repository on `db`. */
export function createTenantRepository(db: Queryable): TenantRepository {
  const one = async (text: string, values: readonly unknown[]): Promise<Tenant | undefined> => {
    const [row] = await queryRows<TenantRow>(db, text, values);
    return row === undefined ? undefined : toTenant(row);
  };
  const insertValues = (input: TenantInput): unknown[] => {
    const quotas = input.quotas ?? DEFAULT_TENANT_QUOTAS;
    return [
      newId('tenant'),
      input.name,
      input.displayName,
      quotas.chatRequestsPerMinute,
      quotas.llmTokensPerDay,
      quotas.airtableRequestsPerSecond,
      quotas.maxWorkspaces,
      input.suspended ?? false,
      input.managedBy ?? 'api',
    ];
  };
  const insert = `insert into registry_tenants (id, name, display_name, chat_requests_per_minute,
      llm_tokens_per_day, airtable_requests_per_second, max_workspaces, suspended, managed_by)
    values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;

  return {
    async create(input) {
      const created = await one(`${insert} returning ${TENANT_COLUMNS}`, insertValues(input)).catch(
        conflictAs(`A tenant named "${input.name}"`),
      );
      if (created === undefined) throw new Error('insert returned no row');
      return created;
    },
    async upsertByName(input) {
      const upserted = await one(
        `${insert} on conflict (name) do update set display_name = excluded.display_name,
           chat_requests_per_minute = excluded.chat_requests_per_minute,
           llm_tokens_per_day = excluded.llm_tokens_per_day,
           airtable_requests_per_second = excluded.airtable_requests_per_second,
           max_workspaces = excluded.max_workspaces, suspended = excluded.suspended,
           managed_by = excluded.managed_by, updated_at = now()
         returning ${TENANT_COLUMNS}`,
        insertValues(input),
      );
      if (upserted === undefined) throw new Error('upsert returned no row');
      return upserted;
    },
    update(id, patch) {
      const { quotas } = patch;
      return one(
        `update registry_tenants set
           display_name = coalesce($2, display_name),
           chat_requests_per_minute = coalesce($3, chat_requests_per_minute),
           llm_tokens_per_day = coalesce($4, llm_tokens_per_day),
           airtable_requests_per_second = coalesce($5, airtable_requests_per_second),
           max_workspaces = coalesce($6, max_workspaces),
           suspended = coalesce($7, suspended), updated_at = now()
         where id = $1 returning ${TENANT_COLUMNS}`,
        [
          id,
          patch.displayName ?? null,
          quotas?.chatRequestsPerMinute ?? null,
          quotas?.llmTokensPerDay ?? null,
          quotas?.airtableRequestsPerSecond ?? null,
          quotas?.maxWorkspaces ?? null,
          patch.suspended ?? null,
        ],
      );
    },
    get: (id) => one(`select ${TENANT_COLUMNS} from registry_tenants where id = $1`, [id]),
    getByName: (name) =>
      one(`select ${TENANT_COLUMNS} from registry_tenants where name = $1`, [name]),
    async list() {
      const rows = await queryRows<TenantRow>(
        db,
        `select ${TENANT_COLUMNS} from registry_tenants order by name`,
      );
      return rows.map(toTenant);
    },
    delete: (id) =>
      queryChanged(db, 'delete from registry_tenants where id = $1 returning id', [id]),
  };
}

import type { Tenant } from './registry-records.ts';
import type { CredentialStatus, ManagedBy } from './registry-schemas.ts';

/** A `registry_tenants` row as pg returns it. */
export interface TenantRow {
  id: string;
  name: string;
  display_name: string;
  credential_version: number;
  credential_status: CredentialStatus;
  credential_message: string | null;
  credential_checked_at: Date | null;
  airtable_user_id: string | null;
  chat_requests_per_minute: number;
  llm_tokens_per_day: string;
  airtable_requests_per_second: number;
  max_workspaces: number;
  suspended: boolean;
  managed_by: ManagedBy;
  created_at: Date;
  updated_at: Date;
}

/** Every column but the encrypted token, which only the credential vault reads. */
export const TENANT_COLUMNS = `id, name, display_name, credential_version, credential_status,
  credential_message, credential_checked_at, airtable_user_id, chat_requests_per_minute,
  llm_tokens_per_day, airtable_requests_per_second, max_workspaces, suspended, managed_by,
  created_at, updated_at`;

/** Maps a row to the record the rest of the platform sees. */
export function toTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    name: row.name,
    displayName: row.display_name,
    quotas: {
      chatRequestsPerMinute: row.chat_requests_per_minute,
      // bigint arrives as a string; quotas stay far below 2^53.
      llmTokensPerDay: Number(row.llm_tokens_per_day),
      airtableRequestsPerSecond: row.airtable_requests_per_second,
      maxWorkspaces: row.max_workspaces,
    },
    suspended: row.suspended,
    managedBy: row.managed_by,
    credential: {
      status: row.credential_status,
      version: row.credential_version,
      message: row.credential_message,
      checkedAt: row.credential_checked_at,
      airtableUserId: row.airtable_user_id,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

import type { Workspace } from './registry-records.ts';
import type { ManagedBy, ModelSettings, WorkspaceQuotaOverrides } from './registry-schemas.ts';

/** A `registry_workspaces` row as pg returns it. */
export interface WorkspaceRow {
  id: string;
  tenant_id: string;
  name: string;
  display_name: string;
  allowed_base_ids: string[];
  chat_requests_per_minute: number | null;
  llm_tokens_per_day: string | null;
  airtable_requests_per_second: number | null;
  model_settings: ModelSettings;
  managed_by: ManagedBy;
  created_at: Date;
  updated_at: Date;
}

/** The workspace columns, for queries that select them from `w`. */
export const WORKSPACE_COLUMNS = `w.id, w.tenant_id, w.name, w.display_name, w.allowed_base_ids,
  w.chat_requests_per_minute, w.llm_tokens_per_day, w.airtable_requests_per_second,
  w.model_settings, w.managed_by, w.created_at, w.updated_at`;

/** Maps a row to the record the rest of the platform sees. */
export function toWorkspace(row: WorkspaceRow): Workspace {
  const overrides: { -readonly [K in keyof WorkspaceQuotaOverrides]: number } = {};
  if (row.chat_requests_per_minute !== null) {
    overrides.chatRequestsPerMinute = row.chat_requests_per_minute;
  }
  if (row.llm_tokens_per_day !== null) overrides.llmTokensPerDay = Number(row.llm_tokens_per_day);
  if (row.airtable_requests_per_second !== null) {
    overrides.airtableRequestsPerSecond = row.airtable_requests_per_second;
  }
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    displayName: row.display_name,
    allowedBaseIds: row.allowed_base_ids,
    quotaOverrides: overrides,
    modelSettings: row.model_settings,
    managedBy: row.managed_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

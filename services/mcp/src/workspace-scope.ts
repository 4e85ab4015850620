import type { AirtableAccess } from '@pyairtable/airtable-access';

/**
 * What one MCP request may reach: the caller's tenant and workspace, their role, the bases
 * the workspace allows and the access layer holding that tenant's Airtable token. The
 * transport and identity layer resolves it per request; the tools never look further.
 */
export interface WorkspaceScope {
  readonly tenantId: string;
  readonly workspaceId: string;
  /** Viewers get the read-only tools only. */
  readonly role: 'owner' | 'editor' | 'viewer';
  readonly allowedBaseIds: readonly string[];
  readonly airtable: AirtableAccess;
}

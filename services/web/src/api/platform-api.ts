import type { ChatMessage, ChatSession } from '../chat/chat-types.ts';
import type { ApiClient } from './api-client.ts';

/** A workspace role, from least to most powerful. */
export type WorkspaceRole = 'viewer' | 'editor' | 'owner';

/** `GET /api/auth/me`. */
export interface Me {
  readonly user: { readonly id: string; readonly email: string; readonly displayName: string };
  readonly workspaces: readonly {
    readonly id: string;
    readonly displayName: string;
    readonly tenantId: string;
    readonly role: WorkspaceRole;
  }[];
}

/** `GET /api/workspaces/{id}`. */
export interface WorkspaceDetail {
  readonly id: string;
  readonly displayName: string;
  readonly tenantDisplayName: string;
  readonly role: WorkspaceRole;
  /** `operator` when a Kubernetes Workspace resource owns it: members change only there. */
  readonly managedBy: 'api' | 'operator';
  readonly allowedBaseIds: readonly string[];
  readonly quotas: {
    readonly chatRequestsPerMinute: number;
    readonly llmTokensPerDay: number;
    readonly airtableRequestsPerSecond: number;
  };
}

/** A workspace member. */
export interface Member {
  readonly email: string;
  readonly role: WorkspaceRole;
  readonly userId: string | null;
}

/** An API key's description (never its secret). */
export interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly role: WorkspaceRole;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** `GET /api/chat/usage`: the organisation's LLM tokens and questions today against its quotas. */
export interface UsageToday {
  /** The UTC day counted, `YYYY-MM-DD`. */
  readonly day: string;
  readonly tokens: { readonly used: number; readonly limit: number; readonly resetsAt: string };
  readonly requests: { readonly today: number };
  readonly chatRequestsPerMinute: { readonly limit: number };
}

/** A base the workspace may use (`GET /api/airtable/bases`). */
export interface AirtableBase {
  readonly id: string;
  readonly name: string;
  readonly permissionLevel: string;
}

/** A base's tables, ids and names only (`GET /api/airtable/bases/{id}/schema?detail=tableIds`). */
export interface BaseTables {
  readonly baseId: string;
  readonly tables: readonly { readonly id: string; readonly name: string }[];
}

const id = encodeURIComponent;
const WORKSPACE_HEADER = 'X-Workspace-Id';

/** The gateway's and chat's endpoints the app calls, typed. */
export function platformApi(client: ApiClient) {
  const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });
  return {
    me: () => client.json<Me>('/api/auth/me'),
    workspace: (workspaceId: string) =>
      client.json<WorkspaceDetail>(`/api/workspaces/${id(workspaceId)}`),
    members: (workspaceId: string) =>
      client.json<{ members: Member[] }>(`/api/workspaces/${id(workspaceId)}/members`),
    setMemberRole: (workspaceId: string, email: string, role: WorkspaceRole) =>
      client.json<Member>(`/api/workspaces/${id(workspaceId)}/members/${id(email)}`, {
        method: 'PUT',
        body: JSON.stringify({ role }),
      }),
    removeMember: (workspaceId: string, email: string) =>
      client.json<unknown>(`/api/workspaces/${id(workspaceId)}/members/${id(email)}`, {
        method: 'DELETE',
      }),
    usage: (workspaceId: string) =>
      client.json<UsageToday>(`/api/chat/usage?workspaceId=${id(workspaceId)}`),
    // The Airtable API acts in the workspace the header names.
    bases: (workspaceId: string) =>
      client.json<{ bases: AirtableBase[] }>('/api/airtable/bases', {
        headers: { [WORKSPACE_HEADER]: workspaceId },
      }),
    baseTables: (workspaceId: string, baseId: string) =>
      client.json<BaseTables>(`/api/airtable/bases/${id(baseId)}/schema?detail=tableIds`, {
        headers: { [WORKSPACE_HEADER]: workspaceId },
      }),
    apiKeys: (workspaceId: string) =>
      client.json<{ apiKeys: ApiKey[] }>(`/api/workspaces/${id(workspaceId)}/api-keys`),
    createApiKey: (workspaceId: string, name: string, role: WorkspaceRole) =>
      client.json<{ apiKey: ApiKey; secret: string }>(
        `/api/workspaces/${id(workspaceId)}/api-keys`,
        post({ name, role }),
      ),
    revokeApiKey: (workspaceId: string, keyId: string) =>
      client.json<unknown>(`/api/workspaces/${id(workspaceId)}/api-keys/${id(keyId)}`, {
        method: 'DELETE',
      }),
    sessions: (workspaceId: string) =>
      client.json<{ sessions: ChatSession[] }>(
        `/api/chat/sessions?workspaceId=${id(workspaceId)}&limit=100`,
      ),
    createSession: (workspaceId: string, title?: string) =>
      client.json<ChatSession>('/api/chat/sessions', post({ workspaceId, title })),
    renameSession: (sessionId: string, title: string) =>
      client.json<ChatSession>(`/api/chat/sessions/${id(sessionId)}`, {
        method: 'PATCH',
        body: JSON.stringify({ title }),
      }),
    deleteSession: (sessionId: string) =>
      client.json<unknown>(`/api/chat/sessions/${id(sessionId)}`, { method: 'DELETE' }),
    messages: (sessionId: string) =>
      client.json<{ messages: ChatMessage[] }>(
        `/api/chat/sessions/${id(sessionId)}/messages?limit=500`,
      ),
    cancel: (sessionId: string) =>
      client.json<{ cancelled: string | null }>(
        `/api/chat/sessions/${id(sessionId)}/cancel`,
        post({}),
      ),
  };
}

/** The typed API the components use. */
export type PlatformApi = ReturnType<typeof platformApi>;

import type { SharedStore } from '@pyairtable/kit';
import { effectiveQuotas } from '@pyairtable/registry';
import type { Tenant, Workspace } from '@pyairtable/registry';
import { chatErrors } from '../chat-errors.ts';

const MINUTE_MS = 60_000;

/**
 * Counts one question against the tenant's `chatRequestsPerMinute` and the workspace's
 * effective share of it, in the shared store so every replica counts together. Enforced here,
 * where every question arrives with its tenant and workspace known (HTTP, the gateway's SSE
 * and WebSocket alike), rather than at the gateway, which cannot tell a session's workspace.
 * The workspace is checked first, so a refused question never spends the tenant's quota.
 */
export async function chargeChatRequest(
  store: SharedStore,
  tenant: Tenant,
  workspace: Workspace,
): Promise<void> {
  const limits = [
    {
      key: `quota:chat:workspace:${workspace.id}`,
      limit: effectiveQuotas(tenant, workspace).chatRequestsPerMinute,
      scope: 'workspace',
    },
    {
      key: `quota:chat:tenant:${tenant.id}`,
      limit: tenant.quotas.chatRequestsPerMinute,
      scope: 'tenant',
    },
  ];
  for (const { key, limit, scope } of limits) {
    const decision = await store.consume(key, { limit, windowMs: MINUTE_MS });
    if (!decision.allowed) {
      throw chatErrors.CHAT_RATE_LIMITED({
        scope,
        limit,
        retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)),
      });
    }
  }
}

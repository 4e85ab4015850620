import type { FastifyRequest } from 'fastify';
import type { JwtVerifier, SharedStore } from '@pyairtable/kit';
import { effectiveQuotas, readCallerCredentials } from '@pyairtable/registry';
import type { AccessResult, WorkspaceAccessResolver } from '@pyairtable/registry';
import { gatewayErrors } from '../gateway-errors.ts';

/** What {@link createChatQuota} needs. */
export interface ChatQuotaOptions {
  readonly store: SharedStore;
  readonly verifier: JwtVerifier;
  readonly access: WorkspaceAccessResolver;
}

const MINUTE_MS = 60_000;

/**
 * A preHandler for chat requests that start work (POST): each counts against the tenant's
 * `chatRequestsPerMinute` and the workspace's effective share of it, in the shared store so
 * every replica counts together. Requests whose caller cannot be resolved are left to chat,
 * which refuses them itself; counting them here would let a stranger spend a tenant's quota.
 */
export function createChatQuota(
  options: ChatQuotaOptions,
): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    if (request.method !== 'POST') return;
    const result = await resolve(options, request);
    if (!result?.granted) return;
    const { tenant, workspace } = result.access;
    const limits = [
      {
        key: `quota:chat:tenant:${tenant.id}`,
        limit: tenant.quotas.chatRequestsPerMinute,
        scope: 'tenant',
      },
      {
        key: `quota:chat:workspace:${workspace.id}`,
        limit: effectiveQuotas(tenant, workspace).chatRequestsPerMinute,
        scope: 'workspace',
      },
    ];
    for (const { key, limit, scope } of limits) {
      const decision = await options.store.consume(key, { limit, windowMs: MINUTE_MS });
      if (!decision.allowed) {
        throw gatewayErrors.GW_RATE_LIMITED({
          limit: `The ${scope}'s quota of ${String(limit)} chat requests per minute is used up`,
          retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)),
        });
      }
    }
  };
}

async function resolve(
  options: ChatQuotaOptions,
  request: FastifyRequest,
): Promise<AccessResult | undefined> {
  const credentials = readCallerCredentials(request.headers);
  if (credentials.kind === 'apiKey') return options.access.forApiKey(credentials.secret);
  if (credentials.kind !== 'accessToken' || credentials.workspaceId === undefined) return undefined;
  try {
    const claims = await options.verifier.verify(credentials.token);
    return await options.access.forUser(claims.sub, credentials.workspaceId);
  } catch {
    return undefined;
  }
}

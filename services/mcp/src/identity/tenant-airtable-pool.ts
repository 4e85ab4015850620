import { createAirtableAccess } from '@pyairtable/airtable-access';
import type { AirtableAccess, AirtableAccessOptions } from '@pyairtable/airtable-access';
import type { SharedStore } from '@pyairtable/kit';
import type { CredentialVault, Tenant } from '@pyairtable/registry';
import type { Registry as MetricsRegistry } from 'prom-client';
import { mcpErrors } from '../mcp-errors.ts';

/** Options of {@link createTenantAirtablePool}. */
export interface TenantAirtablePoolOptions {
  readonly credentials: CredentialVault;
  readonly store: SharedStore;
  readonly endpointUrl: string;
  readonly metricsRegistry?: MetricsRegistry;
  /** Settings every tenant's access layer shares (tests relax limits with it). */
  readonly accessDefaults?: Partial<Omit<AirtableAccessOptions, 'token' | 'store' | 'endpointUrl'>>;
  /** Most tenants kept; the least recently used go first. Default 1,000. */
  readonly maxTenants?: number;
}

/** One Airtable access layer per tenant token, made on first use. */
export interface TenantAirtablePool {
  /** The access layer holding `tenant`'s current token; 503 when it has none. */
  forTenant(tenant: Tenant): Promise<AirtableAccess>;
}

/**
 * Access layers are keyed by tenant and credential version, so a rotated token takes effect on
 * the next request, and they share the store, so per-base limits hold across all tenants.
 * The tenant's `airtableRequestsPerSecond` quota caps its token below Airtable's 50/s.
 */
export function createTenantAirtablePool(options: TenantAirtablePoolOptions): TenantAirtablePool {
  const maxTenants = options.maxTenants ?? 1_000;
  const pool = new Map<string, AirtableAccess>();
  return {
    async forTenant(tenant) {
      const key = `${tenant.id}:${String(tenant.credential.version)}:${String(tenant.quotas.airtableRequestsPerSecond)}`;
      const existing = pool.get(key);
      if (existing !== undefined) {
        pool.delete(key);
        pool.set(key, existing);
        return existing;
      }
      const credential = await options.credentials.readToken(tenant.id);
      if (credential === undefined) throw mcpErrors.MCP_CREDENTIAL_MISSING({ tenantId: tenant.id });
      const defaults = options.accessDefaults ?? {};
      const access = createAirtableAccess({
        ...defaults,
        endpointUrl: options.endpointUrl,
        token: credential.token,
        store: options.store,
        ...(options.metricsRegistry === undefined ? {} : { registry: options.metricsRegistry }),
        limits: {
          ...defaults.limits,
          perTokenPerSecond: Math.min(
            defaults.limits?.perTokenPerSecond ?? 50,
            tenant.quotas.airtableRequestsPerSecond,
          ),
        },
      });
      for (const stale of [...pool.keys()].filter((candidate) =>
        candidate.startsWith(`${tenant.id}:`),
      )) {
        pool.delete(stale);
      }
      pool.set(key, access);
      while (pool.size > maxTenants) {
        const oldest = pool.keys().next().value;
        if (oldest === undefined) break;
        pool.delete(oldest);
      }
      return access;
    },
  };
}

import fastifyPlugin from 'fastify-plugin';
import type { AirtableAccessOptions } from '@pyairtable/airtable-access';
import { createJwtVerifier, openServiceStores } from '@pyairtable/kit';
import type { JwtVerifier, ServiceApp, SharedStore } from '@pyairtable/kit';
import { openRegistry } from '@pyairtable/registry';
import type { McpConfig } from './config.ts';
import { createScopeResolver } from './identity/create-scope-resolver.ts';
import { createTenantAirtablePool } from './identity/tenant-airtable-pool.ts';
import { createToolMetrics } from './tools/tool-metrics.ts';
import { mcpRoutes } from './transport/mcp-routes.ts';
import { AIRTABLE_REST_PREFIX, airtableRestRoutes } from './rest/airtable-rest-routes.ts';
import { restOpenApi } from './rest/rest-openapi.ts';

/** Options of {@link mcpApp}. */
export interface McpAppOptions {
  readonly config: McpConfig;
  /** The shared store; by default opened from `REDIS_URL` (closing it is then the app's job). */
  readonly store?: SharedStore;
  /** Checks access tokens; by default against the gateway's JWKS at `GATEWAY_JWKS_URL`. */
  readonly verifier?: JwtVerifier;
  /** Settings every tenant's Airtable access layer shares (tests relax the limits). */
  readonly airtableDefaults?: Partial<
    Omit<AirtableAccessOptions, 'token' | 'store' | 'endpointUrl'>
  >;
}

/**
 * mcp as a plugin on a kit service app: the registry (read-only here), the shared store, the
 * per-tenant Airtable access layers, the MCP transport and the Airtable REST API. The registry's schema must be
 * migrated before (server.ts does it). It never listens.
 */
export const mcpApp = fastifyPlugin(
  async (app: ServiceApp, options: McpAppOptions) => {
    const { config } = options;
    const { pool, store } = openServiceStores(app, {
      databaseUrl: config.DATABASE_URL,
      applicationName: 'pyairtable-mcp',
      redisUrl: config.REDIS_URL,
      redisKeyPrefix: config.REDIS_KEY_PREFIX,
      store: options.store,
    });
    const { registry, access } = await openRegistry({
      pool,
      store,
      databaseUrl: config.DATABASE_URL,
      encryptionKeys: config.SECRET_ENCRYPTION_KEYS,
      accessCacheTtlMs: config.ACCESS_CACHE_TTL_MS,
      onError: (error) => {
        app.log.warn({ err: error }, 'registry announcements interrupted');
      },
    });
    app.addHook('preClose', () => access.close());

    const resolveScope = createScopeResolver({
      verifier:
        options.verifier ??
        createJwtVerifier({
          jwksUrl: config.GATEWAY_JWKS_URL,
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
        }),
      access,
      airtable: createTenantAirtablePool({
        credentials: registry.credentials,
        store,
        endpointUrl: config.AIRTABLE_ENDPOINT_URL,
        metricsRegistry: app.metrics,
        ...(options.airtableDefaults === undefined
          ? {}
          : { accessDefaults: options.airtableDefaults }),
      }),
    });
    await app.register(mcpRoutes, { resolveScope, metrics: createToolMetrics(app.metrics) });
    await app.register(restOpenApi);
    await app.register(airtableRestRoutes, { prefix: AIRTABLE_REST_PREFIX, resolveScope });
  },
  { name: 'pyairtable-mcp', fastify: '5.x' },
);

import fastifyPlugin from 'fastify-plugin';
import { openServiceStores } from '@pyairtable/kit';
import type { ServiceApp, SharedStore } from '@pyairtable/kit';
import { accountRoutes } from './accounts/account-routes.ts';
import { ensureAdmin } from './accounts/ensure-admin.ts';
import { authenticatePlugin } from './auth/authenticate.ts';
import type { GatewayConfig } from './config.ts';
import { createGatewayContext } from './gateway-context-factory.ts';
import { openApiPlugin } from './edge/openapi-plugin.ts';
import { securityPlugin } from './edge/security-plugin.ts';
import { platformHealthRoute } from './health/platform-health-route.ts';
import { realtimeRoutes } from './realtime/index.ts';
import { proxyRoutes } from './routing/proxy-routes.ts';
import { adminRoutes, workspaceRoutes } from './tenancy/index.ts';
import { jwksPlugin } from './tokens/index.ts';
import { webAppRoutes } from './web/web-app-routes.ts';

/** Options of {@link gatewayApp}. */
export interface GatewayAppOptions {
  readonly config: GatewayConfig;
  /** The shared store; by default opened from `REDIS_URL` (closing it is then the app's job). */
  readonly store?: SharedStore;
}

/**
 * The gateway as a plugin on a kit service app: its stores (opened here, closed on shutdown
 * after requests drain), the identity services, then the routes. The database must be
 * migrated before (`migrateGateway`; server.ts does it). It never listens.
 */
export const gatewayApp = fastifyPlugin(
  async (app: ServiceApp, options: GatewayAppOptions) => {
    const { config } = options;
    const { pool, store } = openServiceStores(app, {
      databaseUrl: config.DATABASE_URL,
      applicationName: 'pyairtable-gateway',
      redisUrl: config.REDIS_URL,
      redisKeyPrefix: config.REDIS_KEY_PREFIX,
      store: options.store,
    });
    const context = await createGatewayContext(config, pool, store, app.log);
    app.addHook('preClose', () => context.access.close());
    await ensureAdmin(context);

    await app.register(securityPlugin, config);
    await app.register(openApiPlugin);
    await app.register(jwksPlugin, { keys: context.keys });
    await app.register(authenticatePlugin, context);
    await app.register(accountRoutes, context);
    await app.register(workspaceRoutes, context);
    await app.register(adminRoutes, context);
    platformHealthRoute(app, context);
    await app.register(realtimeRoutes, context);
    await app.register(proxyRoutes, context);
    await app.register(webAppRoutes);
  },
  { name: 'pyairtable-gateway', fastify: '5.x' },
);

import fastifyPlugin from 'fastify-plugin';
import { createPgPool, createStore, pgReadinessCheck } from '@pyairtable/kit';
import type { ServiceApp } from '@pyairtable/kit';
import type { GatewayConfig } from './config.ts';

/** Options of {@link gatewayApp}. */
export interface GatewayAppOptions {
  readonly config: GatewayConfig;
}

/**
 * The gateway as a plugin on a kit service app: its stores (opened here, closed on shutdown
 * after requests drain) and its routes. It never listens; `server.ts` does.
 */
export const gatewayApp = fastifyPlugin(
  (app: ServiceApp, options: GatewayAppOptions) => {
    const { config } = options;
    const pool = createPgPool({
      connectionString: config.DATABASE_URL,
      applicationName: 'pyairtable-gateway',
      logger: app.log,
    });
    const store = createStore({ redisUrl: config.REDIS_URL, keyPrefix: 'pyairtable:' });
    app.readiness.add(pgReadinessCheck(pool));
    app.readiness.add(store.readinessCheck());
    app.addHook('onClose', async () => {
      await Promise.all([pool.end(), store.close()]);
    });
  },
  { name: 'pyairtable-gateway', fastify: '5.x' },
);

/** The gateway process: configuration, database schema, logger, app, listen, graceful stop. */
import { createLogger, createServiceApp, loadConfigOrExit, runService } from '@pyairtable/kit';
import { gatewayApp } from './app.ts';
import { gatewayConfigSchema } from './config.ts';
import { migrateGateway } from './migrate-gateway.ts';

const config = loadConfigOrExit(gatewayConfigSchema, 'gateway');
const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
await migrateGateway(config.DATABASE_URL, (message) => {
  logger.debug({ migration: message }, 'migration');
});
const hops = Number(config.TRUST_PROXY);
const app = createServiceApp({
  logger,
  trustProxy: Number.isInteger(hops) ? hops : config.TRUST_PROXY,
});
await app.register(gatewayApp, { config });
const running = await runService(app, {
  host: config.HOST,
  port: config.PORT,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
});
logger.info({ url: running.url }, 'gateway listening');

/** The mcp process: configuration, registry schema, logger, app, listen, graceful stop. */
import { createLogger, createServiceApp, loadConfigOrExit, runService } from '@pyairtable/kit';
import { migrateRegistry } from '@pyairtable/registry';
import { mcpApp } from './app.ts';
import { mcpConfigSchema } from './config.ts';

const config = loadConfigOrExit(mcpConfigSchema, 'mcp');
const logger = createLogger({ service: 'mcp', level: config.LOG_LEVEL });
await migrateRegistry(config.DATABASE_URL, (message) => {
  logger.debug({ migration: message }, 'registry migration');
});
const app = createServiceApp({ logger });
await app.register(mcpApp, { config });
const running = await runService(app, {
  host: config.HOST,
  port: config.PORT,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
});
logger.info({ url: running.url }, 'mcp listening');

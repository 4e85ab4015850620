/** The chat process: configuration, database schema, logger, app, listen, graceful stop. */
import { createLogger, createServiceApp, loadConfigOrExit, runService } from '@pyairtable/kit';
import { migrateRegistry } from '@pyairtable/registry';
import { chatApp } from './app.ts';
import { chatConfigSchema } from './config.ts';
import { migrateChat } from './store/migrate-chat.ts';

const config = loadConfigOrExit(chatConfigSchema, 'chat');
const logger = createLogger({ service: 'chat', level: config.LOG_LEVEL });
const log = (message: string): void => {
  logger.debug({ migration: message }, 'migration');
};
await migrateRegistry(config.DATABASE_URL, log);
await migrateChat(config.DATABASE_URL, log);
const app = createServiceApp({ logger });
await app.register(chatApp, { config });
const running = await runService(app, {
  host: config.HOST,
  port: config.PORT,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
});
logger.info({ url: running.url }, 'chat listening');

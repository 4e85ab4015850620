/** The gateway process: configuration, logger, app, listen, graceful stop. */
import { createLogger, createServiceApp, loadConfigOrExit, runService } from '@pyairtable/kit';
import { gatewayApp } from './app.ts';
import { gatewayConfigSchema } from './config.ts';

const config = loadConfigOrExit(gatewayConfigSchema, 'gateway');
const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
const app = createServiceApp({ logger });
await app.register(gatewayApp, { config });
const running = await runService(app, {
  host: config.HOST,
  port: config.PORT,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
});
logger.info({ url: running.url }, 'gateway listening');

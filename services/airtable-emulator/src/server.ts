/** The emulator process: configuration, logger, state, app, listen, graceful stop. */
import { createLogger, loadConfigOrExit, runService } from '@pyairtable/kit';
import { buildEmulator } from './build-emulator.ts';
import { emulatorConfigSchema } from './config.ts';
import { emulatorOptionsFrom } from './emulator-options.ts';

const config = loadConfigOrExit(emulatorConfigSchema, 'airtable-emulator');
const logger = createLogger({ service: 'airtable-emulator', level: config.LOG_LEVEL });
const started = performance.now();
// A bad tokens file or large-base spec is a configuration error: say what, exit like one.
// The options are not kept in a variable, so the seed bases can be collected once loaded.
const loadOptions = () =>
  emulatorOptionsFrom(config).catch((error: unknown) => {
    process.stderr.write(
      `airtable-emulator: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(78);
  });
const app = await buildEmulator({ ...(await loadOptions()), logger });
const records = [...app.emulator.bases.values()]
  .flatMap((base) => base.tables)
  .reduce((sum, table) => sum + table.records.size, 0);
logger.info(
  { bases: app.emulator.bases.size, records, loadMs: Math.round(performance.now() - started) },
  'state loaded',
);
const running = await runService(app, {
  host: config.HOST,
  port: config.PORT,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
});
logger.info({ url: running.url }, 'airtable-emulator listening');

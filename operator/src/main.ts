/** The operator process: configuration, registry schema, Kubernetes connection, listen, graceful stop. */
import { KubeConfig } from '@kubernetes/client-node';
import { createLogger, loadConfigOrExit, runService } from '@pyairtable/kit';
import { migrateRegistry } from '@pyairtable/registry';
import { buildOperator } from './operator.ts';
import { operatorConfigSchema } from './operator-config.ts';

const config = loadConfigOrExit(operatorConfigSchema, 'operator');
const logger = createLogger({ service: 'operator', level: config.LOG_LEVEL });
await migrateRegistry(config.DATABASE_URL, (message) => {
  logger.debug({ migration: message }, 'registry migration');
});
// In a pod: the service account; elsewhere: KUBECONFIG or ~/.kube/config.
const kubeConfig = new KubeConfig();
kubeConfig.loadFromDefault();
const operator = buildOperator({
  config,
  kubeConfig,
  logger,
  onLostLeadership: () => {
    // Another replica may already be reconciling: stop at once and let Kubernetes restart
    // this one as a fresh candidate, as controller-runtime does.
    logger.error('leadership lost; exiting');
    process.exit(1);
  },
});
const running = await runService(operator.app, {
  host: config.HOST,
  port: config.PORT,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
});
logger.info({ url: running.url, identity: operator.identity }, 'operator listening');

import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { CoreV1Api } from '@kubernetes/client-node';
import type { KubeConfig, KubernetesListObject, V1Secret } from '@kubernetes/client-node';
import {
  createServiceApp,
  createSecretCipher,
  openServiceStores,
  parseCipherKeys,
} from '@pyairtable/kit';
import type { ServiceApp, SharedStore } from '@pyairtable/kit';
import { createRegistry } from '@pyairtable/registry';
import type { Logger } from 'pino';
import { GROUP, TENANT_PLURAL, VERSION, WORKSPACE_PLURAL } from './api/v1alpha1/index.ts';
import type { Tenant, Workspace } from './api/v1alpha1/index.ts';
import type { ControllerContext } from './controllers/controller-context.ts';
import { wireEvents } from './controllers/event-wiring.ts';
import { tenantReconciler } from './controllers/tenant-controller.ts';
import { createBaseAccessChecker } from './controllers/workspace-bases.ts';
import { workspaceReconciler } from './controllers/workspace-controller.ts';
import type { OperatorConfig } from './operator-config.ts';
import { createAirtableChecks } from './platform/airtable-checks.ts';
import {
  createController,
  createCustomResourceClient,
  createEventRecorder,
  createInformer,
  createManager,
  createRuntimeMetrics,
  reuseConnections,
} from './runtime/index.ts';
import type { Informer, Manager } from './runtime/index.ts';

/** Options of {@link buildOperator}. */
export interface OperatorOptions {
  readonly config: OperatorConfig;
  readonly kubeConfig: KubeConfig;
  readonly logger: Logger;
  /** A store opened elsewhere (tests); otherwise REDIS_URL or in-process. */
  readonly store?: SharedStore;
  /** Called when leadership is lost (the entry point exits so Kubernetes restarts it). */
  readonly onLostLeadership?: () => void;
}

/** The operator: its health/metrics app (port 8080) and the manager it starts and stops. */
export interface Operator {
  readonly app: ServiceApp;
  readonly manager: Manager;
  /** This replica's name in the Lease and in Events. */
  readonly identity: string;
}

const REPORTING_CONTROLLER = 'pyairtable.io/operator';

/**
 * Assembles the operator: registry (Postgres; writes announced on Redis), informers for
 * Tenants, Workspaces and labelled Secrets, the two controllers, leader election, and an app
 * serving /healthz, /readyz and /metrics. The manager starts when the app is ready and stops
 * before the pool closes.
 */
export function buildOperator(options: OperatorOptions): Operator {
  const { config, logger } = options;
  const kubeConfig = reuseConnections(options.kubeConfig);
  const app = createServiceApp({ logger });
  const { pool, store } = openServiceStores(app, {
    databaseUrl: config.DATABASE_URL,
    applicationName: 'pyairtable-operator',
    redisUrl: config.REDIS_URL,
    redisKeyPrefix: config.REDIS_KEY_PREFIX,
    store: options.store,
  });
  const metrics = createRuntimeMetrics(app.metrics);
  const identity = `${config.POD_NAME || hostname()}_${randomBytes(4).toString('hex')}`;
  const registry = createRegistry({
    pool,
    cipher: createSecretCipher(parseCipherKeys(config.SECRET_ENCRYPTION_KEYS)),
    store,
  });
  const tenants = createCustomResourceClient<Tenant>(kubeConfig, {
    group: GROUP,
    version: VERSION,
    plural: TENANT_PLURAL,
  });
  const workspaces = createCustomResourceClient<Workspace>(kubeConfig, {
    group: GROUP,
    version: VERSION,
    plural: WORKSPACE_PLURAL,
  });
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const scoped = (path: string, plural: string): string =>
    config.WATCH_NAMESPACE === ''
      ? `${path}/${plural}`
      : `${path}/namespaces/${config.WATCH_NAMESPACE}/${plural}`;
  const informer = <T extends Tenant | Workspace>(
    plural: string,
    list: () => Promise<KubernetesListObject<T>>,
  ) =>
    createInformer<T>({
      kubeConfig,
      resource: plural,
      path: scoped(`/apis/${GROUP}/${VERSION}`, plural),
      list,
      resyncMs: config.INFORMER_RESYNC_MS,
      logger,
      metrics,
    });
  // With WATCH_NAMESPACE the operator lists only there, so a Role is all it needs.
  const listIn =
    <T extends Tenant | Workspace>(client: {
      list(namespace?: string): Promise<KubernetesListObject<T>>;
    }) =>
    () =>
      client.list(config.WATCH_NAMESPACE === '' ? undefined : config.WATCH_NAMESPACE);
  const tenantCache = informer<Tenant>(TENANT_PLURAL, listIn(tenants));
  const workspaceCache = informer<Workspace>(WORKSPACE_PLURAL, listIn(workspaces));
  const secrets = createInformer<V1Secret>({
    kubeConfig,
    resource: 'secrets',
    path: scoped('/api/v1', 'secrets'),
    labelSelector: config.CREDENTIAL_SECRET_LABEL,
    list: () =>
      config.WATCH_NAMESPACE === ''
        ? core.listSecretForAllNamespaces({ labelSelector: config.CREDENTIAL_SECRET_LABEL })
        : core.listNamespacedSecret({
            namespace: config.WATCH_NAMESPACE,
            labelSelector: config.CREDENTIAL_SECRET_LABEL,
          }),
    // Secrets only trigger Tenant reconciles, which resync on their own.
    resyncMs: 0,
    logger,
    metrics,
  });

  const context: ControllerContext = {
    registry,
    tenants,
    workspaces,
    tenantCache,
    workspaceCache,
    core,
    airtable: createAirtableChecks({ endpointUrl: config.AIRTABLE_ENDPOINT_URL, store }),
    events: createEventRecorder({
      kubeConfig,
      controller: REPORTING_CONTROLLER,
      instance: identity,
      logger,
    }),
    logger,
    revalidateIntervalMs: config.CREDENTIAL_REVALIDATE_INTERVAL_MS,
  };
  const queue = {
    backoff: { baseMs: 500, maxMs: config.OPERATOR_MAX_BACKOFF_MS },
    rateLimit: {
      perSecond: config.OPERATOR_RECONCILES_PER_SECOND,
      burst: config.OPERATOR_RECONCILE_BURST,
    },
  };
  const controller = (
    name: string,
    reconcile: Parameters<typeof createController>[0]['reconcile'],
  ) =>
    createController({ name, reconcile, workers: config.OPERATOR_WORKERS, queue, logger, metrics });
  const tenantController = controller('tenant', tenantReconciler(context));
  const workspaceController = controller(
    'workspace',
    workspaceReconciler(
      context,
      createBaseAccessChecker(context.airtable, config.CREDENTIAL_REVALIDATE_INTERVAL_MS),
    ),
  );
  wireEvents({ context, secrets, tenantController, workspaceController });

  const manager = createManager({
    logger,
    metrics,
    ...(config.LEADER_ELECTION
      ? {
          leaderElection: {
            kubeConfig,
            namespace: config.LEADER_ELECTION_NAMESPACE,
            leaseName: config.LEADER_ELECTION_LEASE_NAME,
            identity,
            timing: {
              leaseDurationMs: config.LEASE_DURATION_MS,
              renewDeadlineMs: config.RENEW_DEADLINE_MS,
              retryPeriodMs: config.LEASE_RETRY_PERIOD_MS,
            },
          },
        }
      : {}),
    ...(options.onLostLeadership === undefined
      ? {}
      : { onLostLeadership: options.onLostLeadership }),
  });
  for (const cache of [tenantCache, workspaceCache, secrets] as Informer<never>[])
    manager.addInformer(cache);
  manager.addController(tenantController);
  manager.addController(workspaceController);

  app.readiness.add({
    name: 'informers',
    check: () =>
      manager.synced ? Promise.resolve() : Promise.reject(new Error('caches have not listed yet')),
  });
  app.get('/healthz', { logLevel: 'warn' }, () => ({ status: 'ok' }));
  app.addHook('onReady', () => manager.start());
  app.addHook('preClose', () => manager.stop());
  return { app, manager, identity };
}

import { ListWatch, Watch } from '@kubernetes/client-node';
import type { KubeConfig, KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { createKeyBackoff } from './key-backoff.ts';
import { describeKubeError, kubeStatus } from './kube-errors.ts';
import type { BackoffSettings } from './key-backoff.ts';
import type { RuntimeMetrics } from './runtime-metrics.ts';

/** Why a handler is called: a watch event, or the periodic re-delivery of the cache. */
export type InformerEvent = 'add' | 'update' | 'delete' | 'resync';

/** Options of {@link createInformer}. */
export interface InformerOptions<T extends KubernetesObject> {
  readonly kubeConfig: KubeConfig;
  /** For logs and metrics, e.g. `tenants`. */
  readonly resource: string;
  /** The collection's API path, e.g. `/apis/pyairtable.io/v1alpha1/tenants`. */
  readonly path: string;
  readonly list: () => Promise<KubernetesListObject<T>>;
  readonly labelSelector?: string;
  /** How often every cached object is handed to the handlers again (0 turns it off). */
  readonly resyncMs: number;
  /** Restart delays after a failed list or watch (default 1 s doubling to 60 s). */
  readonly restartBackoff?: BackoffSettings;
  readonly logger: Logger;
  readonly metrics?: RuntimeMetrics;
}

/** A cache of one resource kept current by a watch, restarted whenever the watch fails. */
export interface Informer<T extends KubernetesObject> {
  onEvent(handler: (object: T, event: InformerEvent) => void): void;
  get(namespace: string, name: string): T | undefined;
  list(namespace?: string): readonly T[];
  /** True once a list has been received. */
  readonly synced: boolean;
  /** Resolves once the first list has been received (restarts included). */
  whenSynced(): Promise<void>;
  /** Hands every cached object to the handlers again (as `resync`). */
  resync(): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_RESTART_BACKOFF: BackoffSettings = { baseMs: 1_000, maxMs: 60_000 };

/**
 * client-node's ListWatch re-lists on 410 Gone and emits deletes for objects that vanished
 * meanwhile, but stops for good on any other error (a refused connection, a 500, an
 * apiserver restart). This restarts it with backoff — it resumes from the last resource
 * version, so events missed while it was down (deletions included) are delivered, or it
 * re-lists when that version is too old — and re-delivers the cache every `resyncMs` so
 * controllers catch up with anything they failed to act on.
 */
export function createInformer<T extends KubernetesObject>(
  options: InformerOptions<T>,
): Informer<T> {
  const { logger, resource } = options;
  const listWatch = new ListWatch<T>(
    options.path,
    new Watch(options.kubeConfig),
    options.list,
    false,
    options.labelSelector,
  );
  const backoff = createKeyBackoff(options.restartBackoff ?? DEFAULT_RESTART_BACKOFF);
  const handlers: ((object: T, event: InformerEvent) => void)[] = [];
  const emit = (event: InformerEvent) => (object: T) => {
    for (const handler of handlers) handler(object, event);
  };
  listWatch.on('add', emit('add'));
  listWatch.on('update', emit('update'));
  listWatch.on('delete', emit('delete'));

  let stopped = true;
  let synced = false;
  let failures = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  let resyncTimer: NodeJS.Timeout | undefined;
  let markSynced: () => void = () => undefined;
  const syncedOnce = new Promise<void>((resolve) => {
    markSynced = resolve;
  });

  const run = async (): Promise<void> => {
    const failuresBefore = failures;
    await listWatch.start();
    if (failures === failuresBefore && !stopped) {
      backoff.forget(resource);
      if (!synced) {
        synced = true;
        markSynced();
      }
    }
  };
  listWatch.on('error', (error: unknown) => {
    failures += 1;
    if (stopped) return;
    const delayMs = backoff.next(resource);
    options.metrics?.informerRestarts.inc({ resource });
    logger.warn(
      {
        resource,
        error:
          kubeStatus(error) === 404
            ? `${options.path} is not served: is its CustomResourceDefinition installed?`
            : describeKubeError(error),
        retryInMs: delayMs,
      },
      'watch failed; restarting the informer',
    );
    clearTimeout(restartTimer);
    restartTimer = setTimeout(() => {
      void run();
    }, delayMs);
  });

  const resync = (): void => {
    for (const object of listWatch.list()) emit('resync')(object);
  };

  return {
    resync,
    onEvent(handler) {
      handlers.push(handler);
    },
    get: (namespace, name) => listWatch.get(name, namespace),
    list: (namespace) => listWatch.list(namespace),
    get synced() {
      return synced;
    },
    whenSynced: () => syncedOnce,
    async start() {
      stopped = false;
      if (options.resyncMs > 0) {
        resyncTimer = setInterval(resync, options.resyncMs);
        resyncTimer.unref();
      }
      await run();
    },
    async stop() {
      stopped = true;
      clearTimeout(restartTimer);
      clearInterval(resyncTimer);
      await listWatch.stop();
    },
  };
}

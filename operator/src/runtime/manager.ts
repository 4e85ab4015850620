import type { KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { Controller } from './controller.ts';
import type { Informer } from './informer.ts';
import { createLeaderElector } from './leader-election.ts';
import type { LeaderElector, LeaderElectorOptions } from './leader-election.ts';
import type { RuntimeMetrics } from './runtime-metrics.ts';

/** Options of {@link createManager}. */
export interface ManagerOptions {
  readonly logger: Logger;
  readonly metrics?: RuntimeMetrics;
  /** Leader election settings; without them this instance reconciles on its own. */
  readonly leaderElection?: Omit<
    LeaderElectorOptions,
    'logger' | 'onStartedLeading' | 'onStoppedLeading'
  >;
  /** Called when leadership is lost; the process should exit so a fresh start campaigns again. */
  readonly onLostLeadership?: () => void;
}

/** Runs informers always and controllers only while this instance leads. */
export interface Manager {
  addInformer(informer: Informer<KubernetesObject>): void;
  addController(controller: Controller): void;
  /** True once every informer has listed its resource. */
  readonly synced: boolean;
  readonly isLeader: boolean;
  start(): Promise<void>;
  /** Graceful: stop campaigning (releasing the lease), drain reconciles, stop watches. */
  stop(): Promise<void>;
}

/**
 * The controller manager: caches start at once on every replica (a standby that takes over
 * has warm caches), workers only on the leader, and shutdown releases the lease so the next
 * leader starts within a retry period instead of a lease duration.
 */
export function createManager(options: ManagerOptions): Manager {
  const { logger, metrics } = options;
  const informers: Informer<KubernetesObject>[] = [];
  const controllers: Controller[] = [];
  let elector: LeaderElector | undefined;
  let leading = false;

  const startLeading = (): void => {
    leading = true;
    metrics?.isLeader.set(1);
    // Controllers wait for the caches so a first reconcile never sees a half-listed world.
    void Promise.all(informers.map((informer) => informer.whenSynced())).then(() => {
      if (!leading) return;
      for (const controller of controllers) controller.start();
      // Keys queued before (or dropped when leadership was lost) are found again this way.
      for (const informer of informers) informer.resync();
      logger.info(
        { controllers: controllers.map((controller) => controller.name) },
        'controllers started',
      );
    });
  };

  return {
    addInformer(informer) {
      informers.push(informer);
    },
    addController(controller) {
      controllers.push(controller);
    },
    get synced() {
      return informers.every((informer) => informer.synced);
    },
    get isLeader() {
      return leading;
    },
    async start() {
      metrics?.isLeader.set(0);
      await Promise.all(informers.map((informer) => informer.start()));
      if (options.leaderElection === undefined) {
        startLeading();
        return;
      }
      elector = createLeaderElector({
        ...options.leaderElection,
        logger,
        onStartedLeading: startLeading,
        onStoppedLeading: () => {
          leading = false;
          metrics?.isLeader.set(0);
          void Promise.all(controllers.map((controller) => controller.stop())).then(() => {
            options.onLostLeadership?.();
          });
        },
      });
      elector.start();
    },
    async stop() {
      leading = false;
      await Promise.all(controllers.map((controller) => controller.stop()));
      await elector?.stop();
      metrics?.isLeader.set(0);
      await Promise.all(informers.map((informer) => informer.stop()));
    },
  };
}

import { CoordinationV1Api } from '@kubernetes/client-node';
import type { KubeConfig, V1Lease, V1LeaseSpec } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { describeKubeError, isConflict, isNotFound } from './kube-errors.ts';
import { MicroTime, microTime } from './micro-time.ts';

/** Timing of {@link createLeaderElector}, client-go's defaults unless set. */
export interface LeaseTiming {
  /** How long a lease holds without renewal before another instance may take it (15 s). */
  readonly leaseDurationMs: number;
  /** The leader gives up if it could not renew for this long (10 s); < leaseDurationMs. */
  readonly renewDeadlineMs: number;
  /** How often to try to acquire or renew (2 s). */
  readonly retryPeriodMs: number;
}

/** Options of {@link createLeaderElector}. */
export interface LeaderElectorOptions {
  readonly kubeConfig: KubeConfig;
  readonly namespace: string;
  readonly leaseName: string;
  /** Unique per instance (the pod name and a random suffix). */
  readonly identity: string;
  readonly timing?: Partial<LeaseTiming>;
  readonly logger: Logger;
  readonly onStartedLeading: () => void;
  /** Called once when leadership is lost (not on a voluntary `stop`). */
  readonly onStoppedLeading: () => void;
}

/** Campaigns for a coordination.k8s.io Lease until stopped. */
export interface LeaderElector {
  readonly isLeader: boolean;
  start(): void;
  /** Stops campaigning; a leader releases the lease so a standby takes over at once. */
  stop(): Promise<void>;
}

export const DEFAULT_LEASE_TIMING: LeaseTiming = {
  leaseDurationMs: 15_000,
  renewDeadlineMs: 10_000,
  retryPeriodMs: 2_000,
};

/**
 * Leader election on a Lease, as client-go does it: the holder renews every retry period;
 * the others watch `renewTime` change and may take the lease once it has not changed for a
 * lease duration measured on their own clock (so clock skew between nodes does not matter).
 * Writes are replace-with-resourceVersion, so two candidates never both win a round.
 */
export function createLeaderElector(options: LeaderElectorOptions): LeaderElector {
  const timing = { ...DEFAULT_LEASE_TIMING, ...options.timing };
  if (timing.renewDeadlineMs >= timing.leaseDurationMs) {
    throw new RangeError('renewDeadlineMs must be shorter than leaseDurationMs');
  }
  const api = options.kubeConfig.makeApiClient(CoordinationV1Api);
  const { namespace, leaseName: name, identity, logger } = options;
  let leader = false;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let lastRenewedAt = 0;
  // What this instance last saw of the lease, and when (on its own clock).
  let observed: { readonly record: string; readonly at: number } | undefined;
  let round: Promise<void> = Promise.resolve();

  const leaseSpec = (previous: V1Lease | undefined, now: MicroTime): V1LeaseSpec => {
    const takingOver = previous?.spec?.holderIdentity !== identity;
    return {
      holderIdentity: identity,
      leaseDurationSeconds: Math.ceil(timing.leaseDurationMs / 1_000),
      renewTime: now,
      acquireTime: takingOver ? now : (microTime(previous.spec?.acquireTime) ?? now),
      leaseTransitions:
        (previous?.spec?.leaseTransitions ?? 0) + (takingOver && previous !== undefined ? 1 : 0),
    };
  };

  const tryAcquireOrRenew = async (): Promise<boolean> => {
    const now = new MicroTime();
    let lease: V1Lease;
    try {
      lease = await api.readNamespacedLease({ namespace, name });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await api.createNamespacedLease({
        namespace,
        body: { metadata: { name, namespace }, spec: leaseSpec(undefined, now) },
      });
      return true;
    }
    const holder = lease.spec?.holderIdentity ?? '';
    const record = `${holder}|${String(lease.spec?.renewTime?.valueOf() ?? '')}`;
    if (observed?.record !== record) observed = { record, at: Date.now() };
    const durationMs = (lease.spec?.leaseDurationSeconds ?? 0) * 1_000;
    const heldByOther = holder !== '' && holder !== identity;
    if (heldByOther && Date.now() < observed.at + durationMs) return false;
    await api.replaceNamespacedLease({
      namespace,
      name,
      body: { ...lease, spec: leaseSpec(lease, now) },
    });
    return true;
  };

  const tick = async (): Promise<void> => {
    let acquired = false;
    try {
      acquired = await tryAcquireOrRenew();
    } catch (error) {
      if (!isConflict(error)) {
        logger.warn(
          { error: describeKubeError(error), lease: name },
          'leader election round failed',
        );
      }
    }
    if (!running) return;
    if (acquired) {
      lastRenewedAt = Date.now();
      if (!leader) {
        leader = true;
        logger.info({ lease: name, identity }, 'became the leader');
        options.onStartedLeading();
      }
    } else if (leader && Date.now() - lastRenewedAt > timing.renewDeadlineMs) {
      leader = false;
      logger.error({ lease: name, identity }, 'lost the leader lease');
      options.onStoppedLeading();
    }
  };

  const schedule = (): void => {
    if (!running) return;
    timer = setTimeout(() => {
      round = tick().finally(schedule);
    }, timing.retryPeriodMs);
  };

  return {
    get isLeader() {
      return leader;
    },
    start() {
      if (running) return;
      running = true;
      round = tick().finally(schedule);
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await round;
      if (!leader) return;
      leader = false;
      try {
        // Releasing lets a standby take over on its next round instead of a lease duration later.
        const lease = await api.readNamespacedLease({ namespace, name });
        if (lease.spec?.holderIdentity === identity) {
          await api.replaceNamespacedLease({
            namespace,
            name,
            body: {
              ...lease,
              spec: {
                ...lease.spec,
                holderIdentity: '',
                leaseDurationSeconds: 1,
                ...definedTimes(lease.spec),
              },
            },
          });
        }
      } catch (error) {
        logger.warn(
          { error: describeKubeError(error), lease: name },
          'could not release the lease',
        );
      }
    },
  };
}

// Times read back are Dates again; written as they are they would lose their microseconds.
function definedTimes(spec: V1LeaseSpec): Pick<V1LeaseSpec, 'acquireTime' | 'renewTime'> {
  const acquireTime = microTime(spec.acquireTime);
  const renewTime = microTime(spec.renewTime);
  return {
    ...(acquireTime === undefined ? {} : { acquireTime }),
    ...(renewTime === undefined ? {} : { renewTime }),
  };
}

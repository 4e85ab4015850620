import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

/** The controller runtime's metrics, labelled by controller (one work queue per controller). */
export interface RuntimeMetrics {
  readonly queueDepth: Gauge<'controller'>;
  readonly queueAdds: Counter<'controller'>;
  readonly queueRetries: Counter<'controller'>;
  /** From a key's (first) add until a worker takes it. */
  readonly queueWaitSeconds: Histogram<'controller'>;
  readonly reconciles: Counter<'controller' | 'result'>;
  readonly reconcileErrors: Counter<'controller'>;
  readonly reconcileSeconds: Histogram<'controller'>;
  readonly informerRestarts: Counter<'resource'>;
  readonly isLeader: Gauge;
}

const QUEUE_WAIT_BUCKETS = [0.001, 0.005, 0.025, 0.1, 0.5, 1, 5, 15, 60, 300];
const RECONCILE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Registers the runtime's metrics on `registry`. */
export function createRuntimeMetrics(registry: Registry): RuntimeMetrics {
  const registers = [registry];
  return {
    queueDepth: new Gauge({
      name: 'operator_workqueue_depth',
      help: 'Keys waiting in the work queue (not counting delayed retries).',
      labelNames: ['controller'],
      registers,
    }),
    queueAdds: new Counter({
      name: 'operator_workqueue_adds_total',
      help: 'Keys added to the work queue (duplicates of waiting keys are not counted).',
      labelNames: ['controller'],
      registers,
    }),
    queueRetries: new Counter({
      name: 'operator_workqueue_retries_total',
      help: 'Keys put back with backoff after a failed reconcile.',
      labelNames: ['controller'],
      registers,
    }),
    queueWaitSeconds: new Histogram({
      name: 'operator_workqueue_wait_seconds',
      help: 'How long a key waited in the queue before a worker took it.',
      labelNames: ['controller'],
      buckets: QUEUE_WAIT_BUCKETS,
      registers,
    }),
    reconciles: new Counter({
      name: 'operator_reconcile_total',
      help: 'Reconciles by result (success, requeue, error).',
      labelNames: ['controller', 'result'],
      registers,
    }),
    reconcileErrors: new Counter({
      name: 'operator_reconcile_errors_total',
      help: 'Reconciles that failed and were retried with backoff.',
      labelNames: ['controller'],
      registers,
    }),
    reconcileSeconds: new Histogram({
      name: 'operator_reconcile_duration_seconds',
      help: 'How long one reconcile took.',
      labelNames: ['controller'],
      buckets: RECONCILE_BUCKETS,
      registers,
    }),
    informerRestarts: new Counter({
      name: 'operator_informer_restarts_total',
      help: 'Informers restarted after a watch or list failed.',
      labelNames: ['resource'],
      registers,
    }),
    isLeader: new Gauge({
      name: 'operator_leader',
      help: '1 while this instance holds the leader lease and reconciles, else 0.',
      registers,
    }),
  };
}

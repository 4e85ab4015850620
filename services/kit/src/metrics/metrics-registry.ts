import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * A Prometheus registry with Node's default metrics (event-loop lag, heap, GC, handles).
 * One per process; each service adds its own metrics to it.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

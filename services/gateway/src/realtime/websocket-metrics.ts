import { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';

const NAME = 'gateway_websocket_connections';

/**
 * The open `/ws` connections of this replica: what a dashboard watches during a rollout (they
 * should drain) and what sizes replicas for chat-heavy load. Reused when the registry already
 * has it (a registry shared by several apps), where creating it again would throw.
 */
export function websocketConnectionsGauge(registry: Registry): Gauge {
  const existing: unknown = registry.getSingleMetric(NAME);
  // Same name and type: this module is the only one that creates it.
  if (existing instanceof Gauge) return existing as Gauge;
  if (existing !== undefined) throw new TypeError(`Metric ${NAME} is registered with another type`);
  return new Gauge({
    name: NAME,
    help: 'WebSocket connections open on this replica.',
    registers: [registry],
  });
}

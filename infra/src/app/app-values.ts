import { ADDRESSES, CONNECTION_SECRET } from '../cluster-layout.ts';
import type { Settings } from '../settings.ts';

/** The gateway's NodePort on kind (kind-config.yaml publishes it on 127.0.0.1:8000). */
export const GATEWAY_NODE_PORT = 30080;

const fromConnectionSecret = (key: string) => ({
  // The chart takes a value or an existing Secret, never both: clear the dev values' literals.
  value: '',
  existingSecret: CONNECTION_SECRET,
  key,
});

/**
 * What this program adds to the app chart's own values file for the stack (values-dev.yaml or
 * values-production.yaml, which hold replicas, autoscaling, budgets and policies): where the
 * images are, the connection settings from the Secret this program writes, where traces go,
 * and whether the Airtable emulator runs. The same wiring for Tilt is infra/kind/tilt-values.yaml.
 */
export function appValues(settings: Settings): Record<string, unknown> {
  return {
    image: { repository: settings.app.imageRegistry, tag: settings.app.imageTag },
    config: { OTEL_EXPORTER_OTLP_ENDPOINT: ADDRESSES.alloyOtlpHttp },
    secrets: {
      databaseUrl: fromConnectionSecret('DATABASE_URL'),
      redisUrl: fromConnectionSecret('REDIS_URL'),
      secretEncryptionKeys: fromConnectionSecret('SECRET_ENCRYPTION_KEYS'),
    },
    airtableEmulator: { enabled: settings.app.airtableEmulator },
    ...(settings.environment === 'kind'
      ? { gateway: { service: { type: 'NodePort', nodePort: GATEWAY_NODE_PORT } } }
      : {}),
  };
}

import { loadConfig } from '@pyairtable/kit';
import { operatorConfigSchema } from '@pyairtable/operator';
import type { OperatorConfig } from '@pyairtable/operator';

/** Where an operator under test finds the registry and Airtable. */
export interface OperatorTestSetting {
  readonly databaseUrl: string;
  readonly encryptionKeys: string;
  readonly emulatorUrl: string;
  /** The one namespace it watches and keeps its Lease in. */
  readonly namespace: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** An operator's configuration for tests and benchmarks: silent, one namespace, `env` on top. */
export function operatorTestConfig(setting: OperatorTestSetting): OperatorConfig {
  return loadConfig(operatorConfigSchema, {
    DATABASE_URL: setting.databaseUrl,
    SECRET_ENCRYPTION_KEYS: setting.encryptionKeys,
    AIRTABLE_ENDPOINT_URL: setting.emulatorUrl,
    WATCH_NAMESPACE: setting.namespace,
    LEADER_ELECTION_NAMESPACE: setting.namespace,
    LOG_LEVEL: 'silent',
    ...setting.env,
  });
}

import { Type } from 'typebox';
import type { Static } from 'typebox';
import { defineServiceConfig, storeConfigProperties } from '@pyairtable/kit';
import { registryConfigProperties } from '@pyairtable/registry';

/**
 * The operator's environment: the registry it writes (and the key that encrypts tokens),
 * Redis for invalidations, Airtable (or the emulator) for checks, and its own tuning.
 * Port 8080 serves /healthz, /readyz and /metrics. The Kubernetes connection comes from the
 * in-cluster service account, or KUBECONFIG outside a cluster.
 */
export const operatorConfigSchema = defineServiceConfig(8080, {
  ...registryConfigProperties,
  ...storeConfigProperties,
  /** Airtable's API, or the emulator's URL: the same setting mcp uses. */
  AIRTABLE_ENDPOINT_URL: Type.String({ format: 'uri', default: 'https://api.airtable.com' }),
  /** Only this namespace's resources are reconciled; all namespaces when empty. */
  WATCH_NAMESPACE: Type.String({ default: '' }),
  /** Run for leadership on a Lease; off only for a single replica. */
  LEADER_ELECTION: Type.Boolean({ default: true }),
  /** Where the Lease lives (the chart sets the operator's own namespace). */
  LEADER_ELECTION_NAMESPACE: Type.String({ minLength: 1, default: 'default' }),
  LEADER_ELECTION_LEASE_NAME: Type.String({ minLength: 1, default: 'pyairtable-operator' }),
  LEASE_DURATION_MS: Type.Integer({ minimum: 1_000, maximum: 600_000, default: 15_000 }),
  RENEW_DEADLINE_MS: Type.Integer({ minimum: 500, maximum: 600_000, default: 10_000 }),
  LEASE_RETRY_PERIOD_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 2_000 }),
  /** This replica's name in the Lease and in Events (the chart passes the pod name). */
  POD_NAME: Type.String({ default: '' }),
  /** Concurrent reconciles per controller. */
  OPERATOR_WORKERS: Type.Integer({ minimum: 1, maximum: 64, default: 4 }),
  /** Reconciles per second per controller, after a burst (protects Airtable and the apiserver). */
  OPERATOR_RECONCILES_PER_SECOND: Type.Number({
    exclusiveMinimum: 0,
    maximum: 10_000,
    default: 50,
  }),
  OPERATOR_RECONCILE_BURST: Type.Integer({ minimum: 1, maximum: 100_000, default: 100 }),
  /** The cap of per-object retry backoff. */
  OPERATOR_MAX_BACKOFF_MS: Type.Integer({ minimum: 1_000, maximum: 3_600_000, default: 300_000 }),
  /** How often a stored token is checked against Airtable again (±10% jitter). */
  CREDENTIAL_REVALIDATE_INTERVAL_MS: Type.Integer({
    minimum: 60_000,
    maximum: 7 * 24 * 3_600_000,
    default: 6 * 3_600_000,
  }),
  /** How often every cached resource is reconciled again, changed or not. */
  INFORMER_RESYNC_MS: Type.Integer({ minimum: 0, maximum: 24 * 3_600_000, default: 10 * 60_000 }),
  /**
   * Secrets with this label are watched, so a rotated token is checked within seconds;
   * other referenced Secrets are re-read at each resync.
   */
  CREDENTIAL_SECRET_LABEL: Type.String({
    pattern: '^[a-z0-9.-/]+=[A-Za-z0-9._-]*$',
    default: 'pyairtable.io/credentials=true',
  }),
});

/** The operator's validated, frozen configuration. */
export type OperatorConfig = Readonly<Static<typeof operatorConfigSchema>>;

import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { CHARTS, IMAGES } from './chart-versions.ts';
import { chartRelease } from './chart-release.ts';
import { ADDRESSES, POSTGRES, RELEASES } from './cluster-layout.ts';
import type { Namespaces } from './namespaces.ts';
import type { Settings } from './settings.ts';

/** The Postgres cluster and how the services reach it. */
export interface Postgres {
  readonly cluster: k8s.apiextensions.CustomResource;
  /** `postgresql://pyairtable:…@pyairtable-pg-rw…/pyairtable`, a secret. */
  readonly databaseUrl: pulumi.Output<string>;
}

/**
 * PostgreSQL through CloudNativePG: the operator, then one `Cluster` (1 instance on kind, 3 in
 * production, spread over nodes). The database owner's credentials are generated here and given
 * to CloudNativePG as its bootstrap Secret, so the DATABASE_URL the services get is built from
 * the very Secret the database was initialised with — no reading back a Secret the operator
 * writes later, which a preview could not see.
 */
export function createPostgres(
  settings: Settings,
  namespaces: Namespaces,
  monitoring: pulumi.Resource,
): Postgres {
  const production = settings.environment === 'production';
  const operator = chartRelease(
    CHARTS.cloudnativePg,
    {
      releaseName: RELEASES.cloudnativePg,
      namespace: namespaces.cnpg.metadata.name,
      values: {
        // The operator elects a leader: a second replica is a warm standby.
        replicaCount: production ? 2 : 1,
        monitoring: { podMonitorEnabled: true },
      },
    },
    // Its PodMonitor needs the Prometheus Operator's CRDs.
    { dependsOn: [monitoring] },
  );

  const password = new random.RandomPassword('postgres-owner-password', {
    length: 32,
    special: false,
  });
  const ownerSecret = new k8s.core.v1.Secret('postgres-owner', {
    metadata: { name: POSTGRES.ownerSecret, namespace: namespaces.data.metadata.name },
    type: 'kubernetes.io/basic-auth',
    stringData: { username: POSTGRES.owner, password: password.result },
  });

  const cluster = new k8s.apiextensions.CustomResource(
    'postgres-cluster',
    {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: {
        name: POSTGRES.cluster,
        namespace: namespaces.data.metadata.name,
        // Later resources (the app) wait until Postgres accepts connections.
        annotations: { 'pulumi.com/waitFor': 'condition=Ready' },
      },
      spec: {
        instances: settings.postgres.instances,
        imageName: IMAGES.postgres,
        bootstrap: {
          initdb: {
            database: POSTGRES.database,
            owner: POSTGRES.owner,
            secret: { name: ownerSecret.metadata.name },
          },
        },
        storage: {
          size: settings.postgres.storageSize,
          ...(settings.postgres.storageClass === undefined
            ? {}
            : { storageClass: settings.postgres.storageClass }),
        },
        resources: settings.postgres.resources,
        affinity: {
          enablePodAntiAffinity: true,
          topologyKey: 'kubernetes.io/hostname',
          // One instance per node in production; on a two-node kind cluster, best effort.
          podAntiAffinityType: production ? 'required' : 'preferred',
        },
      },
    },
    { dependsOn: [operator] },
  );

  new k8s.apiextensions.CustomResource(
    'postgres-pod-monitor',
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name: POSTGRES.cluster, namespace: namespaces.data.metadata.name },
      spec: {
        selector: { matchLabels: { 'cnpg.io/cluster': POSTGRES.cluster } },
        podMetricsEndpoints: [{ port: 'metrics' }],
      },
    },
    { dependsOn: [monitoring, cluster] },
  );

  const databaseUrl = pulumi.interpolate`postgresql://${POSTGRES.owner}:${password.result.apply(encodeURIComponent)}@${ADDRESSES.postgresPrimary}:5432/${POSTGRES.database}`;
  return { cluster, databaseUrl: pulumi.secret(databaseUrl) };
}

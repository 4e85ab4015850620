import type * as k8s from '@pulumi/kubernetes';
import { CHARTS } from '../chart-versions.ts';
import { chartRelease } from '../chart-release.ts';
import { RELEASES } from '../cluster-layout.ts';
import type { Namespaces } from '../namespaces.ts';
import type { ObjectStorage, Settings } from '../settings.ts';

function storageValues(objectStorage: ObjectStorage | undefined): Record<string, unknown> {
  if (objectStorage === undefined) return { type: 'filesystem' };
  const { type, bucket, region, endpoint } = objectStorage;
  const bucketNames = { chunks: bucket, ruler: bucket, admin: bucket };
  if (type === 'gcs') return { type, bucketNames };
  return {
    type,
    bucketNames,
    s3: {
      ...(region === undefined ? {} : { region }),
      ...(endpoint === undefined ? {} : { endpoint }),
    },
  };
}

/**
 * Loki in monolithic mode (one binary serving writes and queries): one replica on a local
 * volume on kind, three sharing a bucket in production. Structured metadata is on, so Alloy
 * can attach each line's trace id without making it a label.
 */
export function createLoki(settings: Settings, namespaces: Namespaces): k8s.helm.v3.Release {
  const { replicas, storageSize, objectStorage } = settings.loki;
  return chartRelease(CHARTS.loki, {
    releaseName: RELEASES.loki,
    namespace: namespaces.observability.metadata.name,
    values: {
      deploymentMode: 'Monolithic',
      loki: {
        auth_enabled: false,
        commonConfig: { replication_factor: replicas > 1 ? 3 : 1 },
        storage: storageValues(objectStorage),
        schemaConfig: {
          configs: [
            {
              from: '2026-01-01',
              store: 'tsdb',
              object_store: objectStorage?.type ?? 'filesystem',
              schema: 'v13',
              index: { prefix: 'index_', period: '24h' },
            },
          ],
        },
        limits_config: {
          allow_structured_metadata: true,
          retention_period: settings.environment === 'kind' ? '72h' : '720h',
        },
        compactor: {
          retention_enabled: true,
          delete_request_store: objectStorage?.type ?? 'filesystem',
        },
      },
      singleBinary: {
        replicas,
        persistence: {
          size: storageSize,
          ...(settings.storageClass === undefined ? {} : { storageClass: settings.storageClass }),
        },
      },
      serviceAccount: { annotations: objectStorage?.serviceAccountAnnotations ?? {} },
      // Monolithic only: no simple-scalable targets, caches, nginx gateway, canary or test pod.
      read: { replicas: 0 },
      write: { replicas: 0 },
      backend: { replicas: 0 },
      chunksCache: { enabled: false },
      resultsCache: { enabled: false },
      gateway: { enabled: false },
      lokiCanary: { enabled: false },
      test: { enabled: false },
    },
  });
}

import type * as k8s from '@pulumi/kubernetes';
import { CHARTS } from '../chart-versions.ts';
import { chartRelease } from '../chart-release.ts';
import { RELEASES } from '../cluster-layout.ts';
import type { Namespaces } from '../namespaces.ts';
import type { Settings } from '../settings.ts';

/**
 * Tempo, monolithic, traces on a volume: it receives OTLP from Alloy and serves Grafana's
 * trace queries. The monolithic chart runs one replica; tempo-distributed is the step up when
 * a production trace volume needs it.
 */
export function createTempo(settings: Settings, namespaces: Namespaces): k8s.helm.v3.Release {
  return chartRelease(CHARTS.tempo, {
    releaseName: RELEASES.tempo,
    namespace: namespaces.observability.metadata.name,
    values: {
      tempo: {
        retention: settings.tempo.retention,
        reportingEnabled: false,
        receivers: {
          otlp: {
            protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } },
          },
        },
      },
      persistence: {
        enabled: true,
        size: settings.tempo.storageSize,
        ...(settings.storageClass === undefined ? {} : { storageClassName: settings.storageClass }),
      },
    },
  });
}

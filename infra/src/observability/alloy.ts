import type * as k8s from '@pulumi/kubernetes';
import type * as pulumi from '@pulumi/pulumi';
import { CHARTS } from '../chart-versions.ts';
import { chartRelease } from '../chart-release.ts';
import { RELEASES } from '../cluster-layout.ts';
import type { Namespaces } from '../namespaces.ts';
import { alloyConfig } from './alloy-config.ts';

/**
 * Grafana Alloy as a DaemonSet: each node's pod logs to Loki, and the OTLP endpoint the
 * services export traces to (its Service, ports 4317 and 4318), forwarding them to Tempo.
 */
export function createAlloy(
  namespaces: Namespaces,
  destinations: readonly pulumi.Resource[],
): k8s.helm.v3.Release {
  return chartRelease(
    CHARTS.alloy,
    {
      releaseName: RELEASES.alloy,
      namespace: namespaces.observability.metadata.name,
      values: {
        controller: { type: 'daemonset' },
        alloy: {
          configMap: { content: alloyConfig() },
          enableReporting: false,
          extraPorts: [
            { name: 'otlp-grpc', port: 4317, targetPort: 4317, protocol: 'TCP' },
            { name: 'otlp-http', port: 4318, targetPort: 4318, protocol: 'TCP' },
          ],
          resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } },
        },
        serviceMonitor: { enabled: true },
      },
    },
    { dependsOn: [...destinations] },
  );
}

import * as k8s from '@pulumi/kubernetes';
import type * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { CHARTS } from '../chart-versions.ts';
import { chartRelease } from '../chart-release.ts';
import { RELEASES } from '../cluster-layout.ts';
import type { Namespaces } from '../namespaces.ts';
import type { Settings } from '../settings.ts';
import { alertmanagerConfig } from './alertmanager-config.ts';
import { DATA_SOURCE_UIDS, grafanaDataSources } from './grafana-data-sources.ts';

const storageClassName = (settings: Settings): Record<string, string> =>
  settings.storageClass === undefined ? {} : { storageClassName: settings.storageClass };

/**
 * kube-prometheus-stack: the Prometheus Operator, Prometheus, Alertmanager, Grafana (with the
 * Loki and Tempo data sources), kube-state-metrics and node-exporter. Prometheus selects every
 * ServiceMonitor, PodMonitor and PrometheusRule in the cluster, not only those labelled with
 * this release, so the app chart's monitors need no release label.
 */
export function createKubePrometheusStack(
  settings: Settings,
  namespaces: Namespaces,
): { readonly release: k8s.helm.v3.Release; readonly grafanaAdminPassword: pulumi.Output<string> } {
  const kind = settings.environment === 'kind';
  const adminPassword = new random.RandomPassword('grafana-admin-password', {
    length: 24,
    special: false,
  });
  const grafanaAdmin = new k8s.core.v1.Secret('grafana-admin', {
    metadata: { name: 'grafana-admin', namespace: namespaces.observability.metadata.name },
    stringData: { 'admin-user': 'admin', 'admin-password': adminPassword.result },
  });

  const release = chartRelease(CHARTS.kubePrometheusStack, {
    releaseName: RELEASES.kubePrometheusStack,
    namespace: namespaces.observability.metadata.name,
    values: {
      prometheus: {
        prometheusSpec: {
          replicas: settings.prometheus.replicas,
          retention: settings.prometheus.retention,
          resources: settings.prometheus.resources,
          serviceMonitorSelectorNilUsesHelmValues: false,
          podMonitorSelectorNilUsesHelmValues: false,
          ruleSelectorNilUsesHelmValues: false,
          probeSelectorNilUsesHelmValues: false,
          storageSpec: {
            volumeClaimTemplate: {
              spec: {
                accessModes: ['ReadWriteOnce'],
                resources: { requests: { storage: settings.prometheus.storageSize } },
                ...storageClassName(settings),
              },
            },
          },
        },
      },
      alertmanager: {
        config: alertmanagerConfig(settings.alertmanager.webhookUrl),
        alertmanagerSpec: { replicas: settings.alertmanager.replicas },
      },
      grafana: {
        admin: { existingSecret: grafanaAdmin.metadata.name },
        service:
          settings.grafanaNodePort === undefined
            ? { type: 'ClusterIP' }
            : { type: 'NodePort', nodePort: settings.grafanaNodePort },
        sidecar: {
          datasources: { uid: DATA_SOURCE_UIDS.prometheus },
          // Dashboards are ConfigMaps labelled grafana_dashboard: "1", in any namespace.
          dashboards: { label: 'grafana_dashboard', labelValue: '1', searchNamespace: 'ALL' },
        },
        additionalDataSources: grafanaDataSources(),
        persistence: kind
          ? { enabled: false }
          : { enabled: true, size: '10Gi', ...storageClassName(settings) },
      },
      // kind's control plane serves these on localhost only: scraping them just raises alerts.
      kubeControllerManager: { enabled: !kind },
      kubeScheduler: { enabled: !kind },
      kubeEtcd: { enabled: !kind },
      kubeProxy: { enabled: !kind },
    },
  });
  return { release, grafanaAdminPassword: adminPassword.result };
}

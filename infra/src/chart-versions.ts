/**
 * Every third-party Helm chart the platform installs, with its repository and pinned version.
 * Nothing is installed at "latest": an upgrade is a one-line change here, reviewed like code.
 *
 * Versions are the ones published by each chart's repository at the time of writing (read from
 * the charts' source repositories; see infra/README.md). These machines cannot reach the chart
 * repositories, so `helm pull` of each pin is the first step of a deploy from a connected one.
 */
export interface PinnedChart {
  /** The chart's name in its repository. */
  readonly chart: string;
  /** The chart repository (`helm repo add` URL). */
  readonly repository: string;
  /** An exact chart version, never a range. */
  readonly version: string;
  /** The application version the chart ships, for the reader. */
  readonly appVersion: string;
}

/** The charts, by the component they install. */
export const CHARTS = {
  /** CloudNativePG operator (Postgres clusters as `Cluster` resources). */
  cloudnativePg: {
    chart: 'cloudnative-pg',
    repository: 'https://cloudnative-pg.github.io/charts',
    version: '0.29.0',
    appVersion: '1.30.0',
  },
  /** Prometheus Operator, Prometheus, Alertmanager, Grafana, kube-state-metrics, node-exporter. */
  kubePrometheusStack: {
    chart: 'kube-prometheus-stack',
    repository: 'https://prometheus-community.github.io/helm-charts',
    version: '88.5.3',
    appVersion: 'v0.93.1',
  },
  /** Serves Prometheus series as Kubernetes custom metrics (the chat HPA's). */
  prometheusAdapter: {
    chart: 'prometheus-adapter',
    repository: 'https://prometheus-community.github.io/helm-charts',
    version: '5.3.0',
    appVersion: 'v0.12.0',
  },
  /** Loki, monolithic: the Grafana charts moved to the grafana-community repository. */
  loki: {
    chart: 'loki',
    repository: 'https://grafana-community.github.io/helm-charts',
    version: '18.11.0',
    appVersion: '3.7.6',
  },
  /** Tempo, monolithic. */
  tempo: {
    chart: 'tempo',
    repository: 'https://grafana-community.github.io/helm-charts',
    version: '2.2.4',
    appVersion: '2.10.8',
  },
  /** Grafana Alloy (promtail's successor): pod logs to Loki, OTLP traces to Tempo. */
  alloy: {
    chart: 'alloy',
    repository: 'https://grafana.github.io/helm-charts',
    version: '1.14.1',
    appVersion: 'v1.21.1',
  },
} as const satisfies Record<string, PinnedChart>;

/** Container images the program runs directly (not through a chart), pinned like the charts. */
export const IMAGES = {
  /** CloudNativePG's PostgreSQL operand, minimal variant (no Barman Cloud), Debian 13. */
  postgres: 'ghcr.io/cloudnative-pg/postgresql:18.4-minimal-trixie',
  /** The Docker official Redis image (Bitnami's versioned images are frozen). */
  redis: 'docker.io/library/redis:8.2.2-alpine',
} as const;

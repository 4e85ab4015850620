/**
 * Where everything lives in the cluster: namespaces, Helm release names and the in-cluster
 * addresses one component gives another. Names are fixed (no Pulumi auto-naming suffixes),
 * because they are part of contracts: the app chart's values, Grafana's data sources, Alloy's
 * pipeline and the Tiltfile all refer to them.
 */

/** The namespaces the program creates. */
export const NAMESPACES = {
  /** The PyAirtable services, the operator and their connection Secret (the app chart). */
  app: 'pyairtable',
  /** Postgres and Redis. */
  data: 'pyairtable-data',
  /**
   * Prometheus, Alertmanager, Grafana, Loki, Tempo, Alloy, prometheus-adapter; `monitoring`, the
   * name the app chart's defaults expect (NetworkPolicy sources, the OTLP endpoint).
   */
  observability: 'monitoring',
  /** The CloudNativePG operator. */
  cnpg: 'cnpg-system',
} as const;

/** Helm release names (charts derive their object names from them). */
export const RELEASES = {
  cloudnativePg: 'cloudnative-pg',
  kubePrometheusStack: 'kube-prometheus-stack',
  prometheusAdapter: 'prometheus-adapter',
  loki: 'loki',
  tempo: 'tempo',
  alloy: 'alloy',
  app: 'pyairtable',
} as const;

/** The CloudNativePG cluster, its database and the role that owns it. */
export const POSTGRES = {
  /** The name the app chart's production NetworkPolicy selects (`cnpg.io/cluster`). */
  cluster: 'pyairtable-db',
  database: 'pyairtable',
  owner: 'pyairtable',
  /** The basic-auth Secret the cluster bootstraps its owner from (written by this program). */
  ownerSecret: 'pyairtable-db-owner',
} as const;

/** The Secret in the app namespace the chart reads every connection setting from. */
export const CONNECTION_SECRET = 'pyairtable-connections';

const svc = (name: string, namespace: string): string => `${name}.${namespace}.svc`;

/** In-cluster addresses, built from the names above and the charts' naming rules. */
export const ADDRESSES = {
  /** CloudNativePG's read-write Service: always the current primary. */
  postgresPrimary: svc(`${POSTGRES.cluster}-rw`, NAMESPACES.data),
  redis: svc('redis', NAMESPACES.data),
  /** kube-prometheus-stack names its Prometheus Service `<fullname>-prometheus`. */
  prometheus: {
    url: `http://${svc(`${RELEASES.kubePrometheusStack}-prometheus`, NAMESPACES.observability)}`,
    port: 9090,
  },
  /** The Loki chart's monolithic Service is named after the release. */
  loki: `http://${svc(RELEASES.loki, NAMESPACES.observability)}:3100`,
  tempoQuery: `http://${svc(RELEASES.tempo, NAMESPACES.observability)}:3200`,
  tempoOtlpGrpc: `${svc(RELEASES.tempo, NAMESPACES.observability)}:4317`,
  /** Where the services send OTLP/HTTP traces (OTEL_EXPORTER_OTLP_ENDPOINT): Alloy. */
  alloyOtlpHttp: `http://${svc(RELEASES.alloy, NAMESPACES.observability)}:4318`,
} as const;

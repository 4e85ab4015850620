import * as pulumi from '@pulumi/pulumi';
import { createAppRelease } from './app/app-release.ts';
import { CHARTS } from './chart-versions.ts';
import { CONNECTION_SECRET, NAMESPACES } from './cluster-layout.ts';
import { createConnectionSecret } from './connection-secret.ts';
import { createNamespaces } from './namespaces.ts';
import { createAlloy } from './observability/alloy.ts';
import { createKubePrometheusStack } from './observability/kube-prometheus-stack.ts';
import { createLoki } from './observability/loki.ts';
import { createPrometheusAdapter } from './observability/prometheus-adapter.ts';
import { createTempo } from './observability/tempo.ts';
import { createPostgres } from './postgres.ts';
import { createRedis } from './redis.ts';
import type { Settings } from './settings.ts';

/** What `pulumi stack output` shows. */
export interface PlatformOutputs {
  readonly namespaces: typeof NAMESPACES;
  /** The Secret (in the app namespace) holding DATABASE_URL, REDIS_URL, SECRET_ENCRYPTION_KEYS. */
  readonly connectionSecret: string;
  /** Who deploys charts/pyairtable: this program, or Tilt (the kind inner loop). */
  readonly appDeployedBy: 'pulumi' | 'tilt';
  readonly grafanaUrl: string | undefined;
  readonly grafanaAdminPassword: pulumi.Output<string>;
  readonly chartVersions: Record<string, string>;
}

/**
 * The whole platform in dependency order: namespaces; the monitoring stack (its CRDs come
 * first, everything else registers monitors); Postgres and Redis; Loki, Tempo and Alloy;
 * prometheus-adapter; the connection Secret; and the app release when this stack deploys it.
 */
export function deployPlatform(settings: Settings): PlatformOutputs {
  const namespaces = createNamespaces();
  const monitoring = createKubePrometheusStack(settings, namespaces);
  const postgres = createPostgres(settings, namespaces, monitoring.release);
  const redis = createRedis(settings, namespaces);
  const loki = createLoki(settings, namespaces);
  const tempo = createTempo(settings, namespaces);
  const alloy = createAlloy(namespaces, [monitoring.release, loki, tempo]);
  const adapter = createPrometheusAdapter(settings, namespaces, monitoring.release);
  const connections = createConnectionSecret(namespaces, {
    databaseUrl: postgres.databaseUrl,
    redisUrl: redis.redisUrl,
  });
  if (settings.app.release) {
    createAppRelease(settings, namespaces, [
      postgres.cluster,
      redis.statefulSet,
      connections,
      monitoring.release,
      adapter,
      alloy,
    ]);
  }
  return {
    namespaces: NAMESPACES,
    connectionSecret: CONNECTION_SECRET,
    appDeployedBy: settings.app.release ? 'pulumi' : 'tilt',
    grafanaUrl: settings.grafanaNodePort === undefined ? undefined : 'http://127.0.0.1:3000',
    grafanaAdminPassword: pulumi.secret(monitoring.grafanaAdminPassword),
    chartVersions: Object.fromEntries(
      Object.values(CHARTS).map((chart) => [chart.chart, chart.version]),
    ),
  };
}

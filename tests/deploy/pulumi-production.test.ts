/**
 * The Pulumi program with the production stack's configuration (infra/Pulumi.production.yaml),
 * under Pulumi's mocks: high availability where the components support it, StorageClasses and
 * Loki's bucket from the stack's configuration, alerts going to the configured webhook, the app
 * chart released with its production values and this program's wiring — and a configuration
 * that would deploy something unsafe refused before anything is created.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from './dockerfile-model.ts';
import {
  programFailure,
  releaseValues,
  resource,
  runProgram,
  stackConfig,
  RELEASE,
} from './pulumi-program.ts';
import { at, isSecret } from './value-path.ts';
import type { ProgramRun } from './pulumi-program.ts';

const WEBHOOK = 'https://alerts.example.com/hooks/pyairtable';
let production: ProgramRun;
let config: Record<string, string>;

beforeAll(async () => {
  config = await stackConfig('production');
  // The webhook is a secret set with `pulumi config set --secret`, so not in the stack file.
  production = await runProgram('production', { 'pyairtable:alertWebhookUrl': WEBHOOK });
}, 120_000);

describe('the production stack', () => {
  it('runs Postgres as three instances, one per node', () => {
    const cluster = resource(
      production,
      'kubernetes:postgresql.cnpg.io/v1:Cluster',
      'postgres-cluster',
    );
    expect(at(cluster.inputs, 'spec.instances')).toBe(3);
    expect(at(cluster.inputs, 'spec.affinity')).toMatchObject({
      enablePodAntiAffinity: true,
      topologyKey: 'kubernetes.io/hostname',
      podAntiAffinityType: 'required',
    });
    expect(at(releaseValues(production, 'cloudnative-pg'), 'replicaCount')).toBe(2);
  });

  it('runs Prometheus, Alertmanager, Loki and prometheus-adapter with replicas', () => {
    const stack = releaseValues(production, 'kube-prometheus-stack');
    expect(at(stack, 'prometheus.prometheusSpec.replicas')).toBe(2);
    expect(at(stack, 'alertmanager.alertmanagerSpec.replicas')).toBe(3);
    const loki = releaseValues(production, 'loki');
    expect(at(loki, 'singleBinary.replicas')).toBe(3);
    expect(at(loki, 'loki.commonConfig.replication_factor')).toBe(3);
    const adapter = releaseValues(production, 'prometheus-adapter');
    expect(at(adapter, 'replicas')).toBe(2);
    expect(at(adapter, 'podDisruptionBudget.enabled')).toBe(true);
  });

  it('puts every volume on the StorageClasses the stack configures', () => {
    const storageClass = config['pyairtable:storageClass'];
    const postgresClass = config['pyairtable:postgresStorageClass'];
    expect(storageClass).toBeTruthy();
    expect(postgresClass).toBeTruthy();
    expect(
      at(
        resource(production, 'kubernetes:postgresql.cnpg.io/v1:Cluster', 'postgres-cluster').inputs,
        'spec.storage.storageClass',
      ),
    ).toBe(postgresClass);
    const [redisVolume] = at(
      resource(production, 'kubernetes:apps/v1:StatefulSet', 'redis').inputs,
      'spec.volumeClaimTemplates',
    ) as unknown[];
    expect(at(redisVolume, 'spec.storageClassName')).toBe(storageClass);
    const stack = releaseValues(production, 'kube-prometheus-stack');
    expect(
      at(stack, 'prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName'),
    ).toBe(storageClass);
    expect(at(stack, 'grafana.persistence.storageClassName')).toBe(storageClass);
    expect(at(releaseValues(production, 'loki'), 'singleBinary.persistence.storageClass')).toBe(
      storageClass,
    );
    expect(at(releaseValues(production, 'tempo'), 'persistence.storageClassName')).toBe(
      storageClass,
    );
  });

  it("keeps Loki's chunks in the configured bucket", () => {
    const bucket = JSON.parse(config['pyairtable:lokiObjectStorage'] ?? '{}') as {
      type: string;
      bucket: string;
    };
    const loki = releaseValues(production, 'loki');
    expect(at(loki, 'loki.storage.type')).toBe(bucket.type);
    expect(at(loki, 'loki.storage.bucketNames.chunks')).toBe(bucket.bucket);
    expect(at(loki, 'loki.schemaConfig.configs.0.object_store')).toBe(bucket.type);
  });

  it('sends alerts to the configured webhook, passed as a secret, and drops the Watchdog', () => {
    const release = resource(production, RELEASE, 'kube-prometheus-stack');
    const config = at(release.inputs, 'values.alertmanager.config') as {
      route: { receiver: string; routes: { receiver: string; matchers: string[] }[] };
      receivers: { name: string; webhook_configs?: { url: string; send_resolved: boolean }[] }[];
    };
    const receiver = config.receivers.find((item) => item.name === config.route.receiver);
    expect(receiver?.webhook_configs).toEqual([{ url: WEBHOOK, send_resolved: true }]);
    expect(isSecret(release.inputs['values'])).toBe(true);
    const watchdog = config.route.routes.find((route) =>
      route.matchers.includes('alertname = "Watchdog"'),
    );
    expect(
      config.receivers.find((item) => item.name === watchdog?.receiver)?.webhook_configs,
    ).toBeUndefined();
  });

  it('keeps Grafana off NodePorts', () => {
    expect(at(releaseValues(production, 'kube-prometheus-stack'), 'grafana.service')).toEqual({
      type: 'ClusterIP',
    });
    expect(production.outputs['grafanaUrl']).toBeUndefined();
  });

  it('releases charts/pyairtable with its production values, the configured images and no emulator', () => {
    const release = resource(production, RELEASE, 'pyairtable');
    expect(at(release.inputs, 'chart')).toBe(path.join(REPOSITORY_ROOT, 'charts/pyairtable'));
    expect(at(release.inputs, 'valueYamlFiles')).toEqual([
      { '@asset': path.join(REPOSITORY_ROOT, 'charts/pyairtable/values-production.yaml') },
    ]);
    const values = releaseValues(production, 'pyairtable');
    expect(at(values, 'image')).toEqual({
      repository: config['pyairtable:imageRegistry'],
      tag: config['pyairtable:imageTag'],
    });
    expect(at(values, 'airtableEmulator.enabled')).toBe(false);
    expect(at(values, 'secrets.databaseUrl')).toEqual({
      value: '',
      existingSecret: 'pyairtable-connections',
      key: 'DATABASE_URL',
    });
    expect(at(values, 'gateway')).toBeUndefined();
    expect(production.outputs['appDeployedBy']).toBe('pulumi');
  });
});

describe('a production configuration', () => {
  it('without an alert webhook is refused', async () => {
    expect(await programFailure('production', {})).toMatch(/pyairtable:alertWebhookUrl/);
  });

  it('without a StorageClass is refused', async () => {
    const failure = await programFailure('production', {
      'pyairtable:alertWebhookUrl': WEBHOOK,
      'pyairtable:storageClass': undefined,
    });
    expect(failure).toMatch(/pyairtable:storageClass is required/);
  });

  it('with the Airtable emulator on is refused', async () => {
    const failure = await programFailure('production', {
      'pyairtable:alertWebhookUrl': WEBHOOK,
      'pyairtable:airtableEmulator': 'true',
    });
    expect(failure).toMatch(/airtableEmulator cannot be on in production/);
  });
});

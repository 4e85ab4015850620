/**
 * The Pulumi program with the kind stack's configuration (infra/Pulumi.kind.yaml), under
 * Pulumi's mocks: what it registers and the values it passes — Postgres and the DATABASE_URL
 * built from the credentials the cluster is bootstrapped with, Redis, the generated encryption
 * key, the adapter rule behind the chat HPA, Grafana's data sources linking traces and logs,
 * Alloy's pipeline, pinned charts, kind's small sizes, and the app wiring Tilt shares.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadYaml } from '@kubernetes/client-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from './dockerfile-model.ts';
import { releaseValues, resource, runProgram, RELEASE } from './pulumi-program.ts';
import { at, isSecret } from './value-path.ts';
import type { ProgramRun } from './pulumi-program.ts';

const SECRET = 'kubernetes:core/v1:Secret';
const CLUSTER = 'kubernetes:postgresql.cnpg.io/v1:Cluster';

/** The kind stack as configured (Tilt deploys the app) and with the app release switched on. */
let kind: ProgramRun;
let kindWithApp: ProgramRun;

beforeAll(async () => {
  [kind, kindWithApp] = await Promise.all([
    runProgram('kind'),
    runProgram('kind', { 'pyairtable:appRelease': 'true' }),
  ]);
}, 120_000);

const stringData = (programRun: ProgramRun, name: string): Record<string, string> =>
  at(resource(programRun, SECRET, name).inputs, 'stringData') as Record<string, string>;
const namespaceOf = (programRun: ProgramRun, type: string, name: string): unknown =>
  at(
    resource(programRun, type, name).inputs,
    type === RELEASE ? 'namespace' : 'metadata.namespace',
  );

describe('the kind stack', () => {
  it('creates the four namespaces, the app and data ones restricted by Pod Security', () => {
    const namespaces = kind.resources
      .filter((item) => item.type === 'kubernetes:core/v1:Namespace')
      .map(
        (item) => at(item.inputs, 'metadata') as { name: string; labels: Record<string, string> },
      );
    expect(namespaces.map((item) => item.name).toSorted()).toEqual(
      ['cnpg-system', 'monitoring', 'pyairtable', 'pyairtable-data'].toSorted(),
    );
    for (const name of ['pyairtable', 'pyairtable-data']) {
      expect(
        namespaces.find((item) => item.name === name)?.labels['pod-security.kubernetes.io/enforce'],
      ).toBe('restricted');
    }
  });

  it('pins every third-party chart to an exact version from its own repository', () => {
    const releases = kind.resources.filter((item) => item.type === RELEASE);
    const pins = Object.fromEntries(
      releases.map((item) => [
        item.name,
        {
          chart: at(item.inputs, 'chart'),
          repo: at(item.inputs, 'repositoryOpts.repo'),
          version: at(item.inputs, 'version'),
        },
      ]),
    );
    expect(Object.keys(pins).toSorted()).toEqual(
      [
        'alloy',
        'cloudnative-pg',
        'kube-prometheus-stack',
        'loki',
        'prometheus-adapter',
        'tempo',
      ].toSorted(),
    );
    for (const [name, pin] of Object.entries(pins)) {
      expect(pin.version, name).toMatch(/^\d+\.\d+\.\d+$/);
      expect(pin.chart, name).toBe(name);
    }
    expect(pins['cloudnative-pg']?.repo).toBe('https://cloudnative-pg.github.io/charts');
    expect(pins['kube-prometheus-stack']?.repo).toBe(
      'https://prometheus-community.github.io/helm-charts',
    );
    expect(pins['prometheus-adapter']?.repo).toBe(
      'https://prometheus-community.github.io/helm-charts',
    );
    // Loki and Tempo moved to the grafana-community repository; Alloy stays with Grafana's.
    expect(pins['loki']?.repo).toBe('https://grafana-community.github.io/helm-charts');
    expect(pins['tempo']?.repo).toBe('https://grafana-community.github.io/helm-charts');
    expect(pins['alloy']?.repo).toBe('https://grafana.github.io/helm-charts');
    expect(kind.outputs['chartVersions']).toEqual(
      Object.fromEntries(Object.entries(pins).map(([name, pin]) => [name, pin.version])),
    );
  });

  it('bootstraps Postgres with credentials it generates, and builds DATABASE_URL from them', () => {
    const cluster = resource(kind, CLUSTER, 'postgres-cluster');
    const initdb = at(cluster.inputs, 'spec.bootstrap.initdb') as {
      database: string;
      owner: string;
      secret: { name: string };
    };
    const owner = kind.resources.find(
      (item) => item.type === SECRET && at(item.inputs, 'metadata.name') === initdb.secret.name,
    );
    expect(owner, 'the bootstrap Secret').toBeDefined();
    expect(at(owner?.inputs, 'type')).toBe('kubernetes.io/basic-auth');
    expect(namespaceOf(kind, SECRET, owner?.name ?? '')).toBe(
      at(cluster.inputs, 'metadata.namespace'),
    );
    const credentials = at(owner?.inputs, 'stringData') as { username: string; password: string };
    expect(credentials.username).toBe(initdb.owner);
    expect(credentials.password).toBe('mockpostgresownerpasswordpassword');

    const connections = resource(kind, SECRET, 'connections');
    expect(isSecret(connections.inputs['stringData'])).toBe(true);
    const url = new URL(stringData(kind, 'connections')['DATABASE_URL'] ?? '');
    const clusterName = String(at(cluster.inputs, 'metadata.name'));
    expect(url.protocol).toBe('postgresql:');
    expect(url.username).toBe(initdb.owner);
    expect(decodeURIComponent(url.password)).toBe(credentials.password);
    // CloudNativePG's read-write Service always points at the primary.
    expect(url.host).toBe(
      `${clusterName}-rw.${String(at(cluster.inputs, 'metadata.namespace'))}.svc:5432`,
    );
    expect(url.pathname).toBe(`/${initdb.database}`);
    expect(namespaceOf(kind, SECRET, 'connections')).toBe('pyairtable');
  });

  it('runs one small Postgres instance on kind, scraped by a PodMonitor', () => {
    const cluster = resource(kind, CLUSTER, 'postgres-cluster');
    expect(at(cluster.inputs, 'spec.instances')).toBe(1);
    expect(at(cluster.inputs, 'spec.storage.size')).toBe('2Gi');
    expect(at(cluster.inputs, 'spec.storage.storageClass')).toBeUndefined();
    expect(at(cluster.inputs, 'spec.imageName')).toMatch(
      /^ghcr\.io\/cloudnative-pg\/postgresql:\d+\.\d+-/,
    );
    const monitor = resource(
      kind,
      'kubernetes:monitoring.coreos.com/v1:PodMonitor',
      'postgres-pod-monitor',
    );
    expect(at(monitor.inputs, 'spec.selector.matchLabels')).toEqual({
      'cnpg.io/cluster': at(cluster.inputs, 'metadata.name'),
    });
  });

  it('gives the services REDIS_URL with the password Redis requires', () => {
    const url = new URL(stringData(kind, 'connections')['REDIS_URL'] ?? '');
    expect(url.protocol).toBe('redis:');
    expect(url.host).toBe('redis.pyairtable-data.svc:6379');
    expect(url.password).toBe(stringData(kind, 'redis-auth')['password']);
    const redis = resource(kind, 'kubernetes:apps/v1:StatefulSet', 'redis');
    const [container] = at(redis.inputs, 'spec.template.spec.containers') as {
      args: string[];
      image: string;
    }[];
    expect(container?.args.join(' ')).toContain('--requirepass $(REDISCLI_AUTH)');
    expect(container?.image).not.toMatch(/bitnami/);
    expect(at(redis.inputs, 'spec.template.spec.securityContext.runAsNonRoot')).toBe(true);
  });

  it('generates SECRET_ENCRYPTION_KEYS in the format the kit parses: one id and 32 random bytes', () => {
    const bytes = resource(kind, 'random:index/randomBytes:RandomBytes', 'secret-encryption-key');
    expect(at(bytes.inputs, 'length')).toBe(32);
    const keys = stringData(kind, 'connections')['SECRET_ENCRYPTION_KEYS'] ?? '';
    const [id = '', key = ''] = keys.split(':');
    expect(id).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
  });

  it('exposes chat_generations_in_flight as a pods custom metric, and only that', () => {
    const values = releaseValues(kind, 'prometheus-adapter') as {
      prometheus: { url: string; port: number };
      rules: { default: boolean; custom: Record<string, unknown>[] };
    };
    expect(values.rules.default).toBe(false);
    expect(values.rules.custom).toHaveLength(1);
    const [rule] = values.rules.custom;
    expect(at(rule, 'name.as')).toBe('chat_generations_in_flight');
    expect(at(rule, 'seriesQuery')).toMatch(/^chat_generations_in_flight\{/);
    expect(at(rule, 'resources.overrides')).toEqual({
      namespace: { resource: 'namespace' },
      pod: { resource: 'pod' },
    });
    expect(at(rule, 'metricsQuery')).toContain('<<.GroupBy>>');
    const monitoring = namespaceOf(kind, RELEASE, 'kube-prometheus-stack');
    expect(`${values.prometheus.url}:${String(values.prometheus.port)}`).toBe(
      `http://kube-prometheus-stack-prometheus.${String(monitoring)}.svc:9090`,
    );
  });

  it('selects every ServiceMonitor, PodMonitor and rule, not only those labelled with its release', () => {
    const spec = at(releaseValues(kind, 'kube-prometheus-stack'), 'prometheus.prometheusSpec');
    for (const key of [
      'serviceMonitorSelectorNilUsesHelmValues',
      'podMonitorSelectorNilUsesHelmValues',
      'ruleSelectorNilUsesHelmValues',
    ]) {
      expect(at(spec, key), key).toBe(false);
    }
    expect(at(spec, 'replicas')).toBe(1);
  });

  it('gives Alertmanager no receiver that sends anything on kind', () => {
    const config = at(releaseValues(kind, 'kube-prometheus-stack'), 'alertmanager.config') as {
      route: { receiver: string };
      receivers: Record<string, unknown>[];
    };
    expect(config.receivers).toEqual([{ name: config.route.receiver }]);
  });

  describe("Grafana's data sources", () => {
    const dataSources = (): Record<string, unknown>[] =>
      at(releaseValues(kind, 'kube-prometheus-stack'), 'grafana.additionalDataSources') as Record<
        string,
        unknown
      >[];
    const named = (type: string): Record<string, unknown> => {
      const found = dataSources().find((source) => source['type'] === type);
      if (found === undefined) throw new Error(`no ${type} data source`);
      return found;
    };

    it('reach Loki and Tempo at their releases\u2019 Services', () => {
      const monitoring = String(namespaceOf(kind, RELEASE, 'loki'));
      expect(named('loki')['url']).toBe(`http://loki.${monitoring}.svc:3100`);
      expect(named('tempo')['url']).toBe(
        `http://tempo.${String(namespaceOf(kind, RELEASE, 'tempo'))}.svc:3200`,
      );
      expect(
        at(releaseValues(kind, 'kube-prometheus-stack'), 'grafana.sidecar.datasources.uid'),
      ).toBe('prometheus');
    });

    it("link a log line's traceId to the trace in Tempo", () => {
      const [field] = at(named('loki'), 'jsonData.derivedFields') as {
        datasourceUid: string;
        matcherRegex: string;
        url: string;
      }[];
      expect(field?.datasourceUid).toBe(named('tempo')['uid']);
      // A line as the kit's logger writes it inside a traced request.
      const line =
        '{"level":30,"time":1,"service":"chat","traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7","msg":"turn done"}';
      expect(new RegExp(field?.matcherRegex ?? '$^').exec(line)?.[1]).toBe(
        '4bf92f3577b34da6a3ce929d0e0e4736',
      );
      // `$$`: Grafana expands environment variables in provisioning files.
      expect(field?.url).toBe('$${__value.raw}');
    });

    it("link a span to its trace's log lines in Loki", () => {
      const link = at(named('tempo'), 'jsonData.tracesToLogsV2') as {
        datasourceUid: string;
        query: string;
      };
      expect(link.datasourceUid).toBe(named('loki')['uid']);
      expect(link.query).toContain('traceId="$${__trace.traceId}"');
    });

    it('match what the kit logs: a traceId field on every line of a traced request', async () => {
      const logger = await readFile(
        path.join(REPOSITORY_ROOT, 'services/kit/src/logging/create-logger.ts'),
        'utf8',
      );
      expect(logger).toMatch(/traceId: context\.traceId/);
    });
  });

  it('ships pod logs to Loki and OTLP traces to Tempo through Alloy, where the services send them', () => {
    const values = releaseValues(kind, 'alloy');
    const config = String(at(values, 'alloy.configMap.content'));
    const monitoring = String(namespaceOf(kind, RELEASE, 'alloy'));
    expect(config).toContain(`url = "http://loki.${monitoring}.svc:3100/loki/api/v1/push"`);
    expect(config).toContain('loki.source.kubernetes "pods"');
    expect(config).toContain('stage.structured_metadata');
    expect(config).toContain(`endpoint = "tempo.${monitoring}.svc:4317"`);
    expect(config).toMatch(/otelcol\.receiver\.otlp[\s\S]*0\.0\.0\.0:4318/);
    expect((at(values, 'alloy.extraPorts') as { port: number }[]).map((port) => port.port)).toEqual(
      [4317, 4318],
    );
    expect(at(releaseValues(kindWithApp, 'pyairtable'), 'config.OTEL_EXPORTER_OTLP_ENDPOINT')).toBe(
      `http://alloy.${monitoring}.svc:4318`,
    );
  });

  it('runs Loki monolithic on a local volume and Tempo receiving OTLP', () => {
    const loki = releaseValues(kind, 'loki');
    expect(at(loki, 'deploymentMode')).toBe('Monolithic');
    expect(at(loki, 'singleBinary.replicas')).toBe(1);
    expect(at(loki, 'loki.storage.type')).toBe('filesystem');
    expect(at(loki, 'loki.limits_config.allow_structured_metadata')).toBe(true);
    expect(at(releaseValues(kind, 'tempo'), 'tempo.receivers.otlp.protocols.grpc.endpoint')).toBe(
      '0.0.0.0:4317',
    );
  });

  it('leaves the app to Tilt, with the connection Secret ready for it', () => {
    expect(kind.resources.some((item) => item.type === RELEASE && item.name === 'pyairtable')).toBe(
      false,
    );
    expect(kind.outputs['appDeployedBy']).toBe('tilt');
    expect(Object.keys(stringData(kind, 'connections')).toSorted()).toEqual(
      ['DATABASE_URL', 'REDIS_URL', 'SECRET_ENCRYPTION_KEYS'].toSorted(),
    );
  });

  describe('with the app release on', () => {
    const appValues = (): unknown => releaseValues(kindWithApp, 'pyairtable');

    it('deploys charts/pyairtable with its dev values and the Airtable emulator on', () => {
      const release = resource(kindWithApp, RELEASE, 'pyairtable');
      expect(at(release.inputs, 'chart')).toBe(path.join(REPOSITORY_ROOT, 'charts/pyairtable'));
      expect(at(release.inputs, 'valueYamlFiles')).toEqual([
        { '@asset': path.join(REPOSITORY_ROOT, 'charts/pyairtable/values-dev.yaml') },
      ]);
      expect(at(appValues(), 'airtableEmulator.enabled')).toBe(true);
      expect(at(appValues(), 'image')).toEqual({
        repository: 'localhost:5001/pyairtable',
        tag: 'dev',
      });
    });

    it('gives the app DATABASE_URL, REDIS_URL and SECRET_ENCRYPTION_KEYS from the connection Secret', () => {
      const connections = String(
        at(resource(kindWithApp, SECRET, 'connections').inputs, 'metadata.name'),
      );
      for (const [key, variable] of [
        ['databaseUrl', 'DATABASE_URL'],
        ['redisUrl', 'REDIS_URL'],
        ['secretEncryptionKeys', 'SECRET_ENCRYPTION_KEYS'],
      ] as const) {
        expect(at(appValues(), `secrets.${key}`)).toEqual({
          value: '',
          existingSecret: connections,
          key: variable,
        });
        expect(stringData(kindWithApp, 'connections')[variable], variable).toBeTruthy();
      }
    });

    it('wires the app as infra/kind/tilt-values.yaml does for Tilt', async () => {
      const tilt = loadYaml<Record<string, unknown>>(
        await readFile(path.join(REPOSITORY_ROOT, 'infra/kind/tilt-values.yaml'), 'utf8'),
      );
      const leaves = (value: unknown, prefix: string): [string, unknown][] =>
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? Object.entries(value).flatMap(([key, item]) =>
              leaves(item, prefix === '' ? key : `${prefix}.${key}`),
            )
          : [[prefix, value]];
      const shared = leaves(tilt, '').filter(
        ([key]) => !key.startsWith('containerSecurityContext.'),
      );
      expect(shared.length).toBeGreaterThan(5);
      for (const [key, value] of shared) expect(at(appValues(), key), key).toEqual(value);
    });
  });

  it('publishes Grafana and the gateway on the NodePorts kind-config.yaml maps to 127.0.0.1:3000 and :8000', async () => {
    const kindConfig = loadYaml<{
      nodes: {
        extraPortMappings?: { containerPort: number; hostPort: number; listenAddress: string }[];
      }[];
    }>(await readFile(path.join(REPOSITORY_ROOT, 'kind-config.yaml'), 'utf8'));
    const mappings = kindConfig.nodes.flatMap((node) => node.extraPortMappings ?? []);
    const hostPortOf = (nodePort: unknown) =>
      mappings.find((mapping) => mapping.containerPort === nodePort);
    const grafana = at(releaseValues(kind, 'kube-prometheus-stack'), 'grafana.service') as {
      type: string;
      nodePort: number;
    };
    expect(grafana.type).toBe('NodePort');
    expect(hostPortOf(grafana.nodePort)).toMatchObject({
      hostPort: 3000,
      listenAddress: '127.0.0.1',
    });
    expect(
      hostPortOf(at(releaseValues(kindWithApp, 'pyairtable'), 'gateway.service.nodePort')),
    ).toMatchObject({
      hostPort: 8000,
      listenAddress: '127.0.0.1',
    });
    expect(kind.outputs['grafanaUrl']).toBe('http://127.0.0.1:3000');
  });
});

/**
 * What every rendered pod promises: the security defaults, probes that ask the right endpoint,
 * a preStop sleep and a grace period longer than the drain, no ServiceAccount token where no
 * code talks to the apiserver, the migrations hook, and secrets only ever in Secrets.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureGoTool } from '../envtest/index.ts';
import { named, ofKind, REQUIRED_VALUES, renderObjects, RENDERINGS } from './support/helm-chart.ts';
import { allContainers, containerEnvironment, renderedPods } from './support/pod-specs.ts';

const rendered = new Map<string, KubernetesObject[]>();

beforeAll(async () => {
  await ensureGoTool('helm');
  for (const rendering of RENDERINGS) rendered.set(rendering.name, await renderObjects(rendering));
}, 30 * 60_000);

function objectsOf(name: string): KubernetesObject[] {
  const objects = rendered.get(name);
  if (objects === undefined) throw new Error(`no ${name} rendering`);
  return objects;
}

const SERVING = ['gateway', 'chat', 'mcp', 'airtable-emulator'];

describe.each(RENDERINGS.map((rendering) => rendering.name))('the %s rendering', (name) => {
  it('runs every container non-root, read-only, without capabilities, under RuntimeDefault seccomp', () => {
    const pods = renderedPods(objectsOf(name));
    expect(pods.length).toBeGreaterThanOrEqual(5);
    for (const pod of pods) {
      const podContext = pod.spec.securityContext;
      expect(podContext?.runAsNonRoot, pod.name).toBe(true);
      expect(podContext?.seccompProfile?.type, pod.name).toBe('RuntimeDefault');
      for (const container of allContainers(pod.spec)) {
        const where = `${pod.name}/${container.name}`;
        const context = container.securityContext;
        expect(context?.allowPrivilegeEscalation, where).toBe(false);
        expect(context?.readOnlyRootFilesystem, where).toBe(true);
        expect(context?.runAsNonRoot, where).toBe(true);
        expect(context?.capabilities?.drop, where).toContain('ALL');
        expect(context?.capabilities?.add ?? [], where).toEqual([]);
        expect(context?.privileged ?? false, where).toBe(false);
        expect(context?.seccompProfile?.type, where).toBe('RuntimeDefault');
        // The one writable place: /tmp on an emptyDir.
        const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
        const volume = pod.spec.volumes?.find((candidate) => candidate.name === tmp?.name);
        expect(volume?.emptyDir, `${where} /tmp`).toBeDefined();
        expect(container.resources?.requests?.memory, where).toBeTruthy();
        expect(container.resources?.limits?.memory, where).toBeTruthy();
      }
    }
  });

  it('probes start-up and liveness on the process and readiness on the dependencies', () => {
    for (const pod of renderedPods(objectsOf(name)).filter((p) => p.kind === 'Deployment')) {
      const [container] = pod.spec.containers;
      const live = pod.component === 'operator' ? '/healthz' : '/livez';
      expect(container?.startupProbe?.httpGet?.path, pod.name).toBe(live);
      expect(container?.livenessProbe?.httpGet?.path, pod.name).toBe(live);
      expect(container?.readinessProbe?.httpGet?.path, pod.name).toBe('/readyz');
      for (const probe of [
        container?.startupProbe,
        container?.livenessProbe,
        container?.readinessProbe,
      ])
        expect(probe?.httpGet?.port, pod.name).toBe('http');
      // Boot runs the migrations too: the start-up probe must allow minutes, not seconds.
      const startup = container?.startupProbe;
      expect(
        (startup?.periodSeconds ?? 0) * (startup?.failureThreshold ?? 0),
      ).toBeGreaterThanOrEqual(120);
    }
  });

  it('gives serving pods a preStop sleep and a grace period longer than sleep plus drain', () => {
    const objects = objectsOf(name);
    for (const pod of renderedPods(objects).filter((p) => p.kind === 'Deployment')) {
      const [container] = pod.spec.containers;
      if (container === undefined) throw new Error(`${pod.name} has no container`);
      const environment = containerEnvironment(container, objects);
      const variable = (key: string): number => {
        const source = environment.get(key);
        if (source?.from !== 'configMap')
          throw new Error(`${pod.name}: ${key} not in its ConfigMap`);
        return Number(source.value);
      };
      const sleep = container.lifecycle?.preStop?.sleep?.seconds ?? 0;
      if (SERVING.includes(pod.component)) expect(sleep, pod.name).toBeGreaterThan(0);
      const grace = pod.spec.terminationGracePeriodSeconds ?? 30;
      expect(grace, pod.name).toBeGreaterThan(sleep + variable('SHUTDOWN_TIMEOUT_MS') / 1000);
      if (pod.component === 'chat') {
        // The longest a stream waits between two events: one model attempt and one tool call.
        const longestStep = (variable('LLM_TIMEOUT_MS') + variable('TOOL_TIMEOUT_MS')) / 1000;
        expect(variable('SHUTDOWN_TIMEOUT_MS') / 1000).toBeGreaterThanOrEqual(longestStep);
        expect(grace).toBeGreaterThan(sleep + longestStep);
      }
    }
  });

  it('mounts a ServiceAccount token only into the operator', () => {
    const objects = objectsOf(name);
    for (const pod of renderedPods(objects)) {
      const mounted = pod.component === 'operator';
      expect(pod.spec.automountServiceAccountToken, pod.name).toBe(mounted);
      const account = named(objects, 'ServiceAccount', pod.spec.serviceAccountName ?? '');
      expect(account.automountServiceAccountToken, pod.name).toBe(mounted);
    }
  });

  it('runs the migrations as a pre-install/pre-upgrade hook, registry first', () => {
    const job = named(objectsOf(name), 'Job', 'pyairtable-migrations');
    expect(job.metadata?.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    const spec = job.spec?.template.spec;
    if (spec === undefined) throw new Error('the Job has no pod spec');
    expect(allContainers(spec).map((container) => container.name)).toEqual([
      'registry',
      'gateway',
      'chat',
    ]);
    expect(spec.restartPolicy).toBe('Never');
  });

  it('gives the operator leader election in the release namespace and its pod name', () => {
    const objects = objectsOf(name);
    const operator = named(objects, 'Deployment', 'pyairtable-operator');
    const container = operator.spec?.template.spec?.containers[0];
    if (container === undefined) throw new Error('no operator container');
    expect(container.command).toEqual(['node', 'operator/src/main.ts']);
    const environment = containerEnvironment(container, objects);
    expect(environment.get('POD_NAME')).toEqual({ from: 'field', fieldPath: 'metadata.name' });
    expect(environment.get('LEADER_ELECTION_NAMESPACE')).toEqual({
      from: 'configMap',
      value: 'pyairtable',
    });
    const replicas = operator.spec?.replicas ?? 1;
    expect(replicas).toBe(name === 'dev' ? 1 : 2);
    if (replicas > 1)
      expect(environment.get('LEADER_ELECTION')).toEqual({ from: 'configMap', value: 'true' });
  });
});

describe('secrets', () => {
  const SECRET_VALUES: Record<string, string> = {
    'secrets.databaseUrl.value': 'postgres://app:DbSecret-4711@db:5432/pyairtable',
    'secrets.redisUrl.value': 'redis://:RedisSecret-4711@redis:6379',
    'secrets.secretEncryptionKeys.value':
      REQUIRED_VALUES['secrets.secretEncryptionKeys.value'] ?? '',
    'secrets.geminiApiKey.value': 'GeminiSecret-4711',
    'secrets.llmApiKey.value': 'LlmSecret-4711',
    'secrets.adminEmail.value': 'admin-4711@example.com',
    'secrets.adminPassword.value': 'AdminSecret-4711-long',
  };
  const SECRET_VARIABLES = [
    'DATABASE_URL',
    'REDIS_URL',
    'SECRET_ENCRYPTION_KEYS',
    'GEMINI_API_KEY',
    'LLM_API_KEY',
    'ADMIN_EMAIL',
    'ADMIN_PASSWORD',
  ];

  it('never reach a ConfigMap, whatever is set, and are read from the chart’s Secret', async () => {
    const objects = await renderObjects({ setString: SECRET_VALUES });
    const configMaps = ofKind(objects, 'ConfigMap');
    expect(configMaps.length).toBeGreaterThanOrEqual(4);
    for (const configMap of configMaps) {
      for (const [key, value] of Object.entries(configMap.data ?? {})) {
        expect(SECRET_VARIABLES, `${configMap.metadata?.name ?? ''} holds ${key}`).not.toContain(
          key,
        );
        for (const secret of Object.values(SECRET_VALUES))
          expect(value.includes(secret), `${configMap.metadata?.name ?? ''}.${key}`).toBe(false);
      }
    }
    const secret = named(objects, 'Secret', 'pyairtable');
    expect(Object.keys(secret.stringData ?? {}).toSorted()).toEqual(SECRET_VARIABLES.toSorted());
    const gateway = named(objects, 'Deployment', 'pyairtable-gateway');
    const container = gateway.spec?.template.spec?.containers[0];
    if (container === undefined) throw new Error('no gateway container');
    expect(containerEnvironment(container, objects).get('ADMIN_PASSWORD')).toEqual({
      from: 'secret',
      secret: 'pyairtable',
      key: 'ADMIN_PASSWORD',
    });
  });

  it('come from existing Secrets in production, and the chart renders none of its own', () => {
    const objects = objectsOf('production');
    expect(ofKind(objects, 'Secret')).toEqual([]);
    const chat = named(objects, 'Deployment', 'pyairtable-chat');
    const container = chat.spec?.template.spec?.containers[0];
    if (container === undefined) throw new Error('no chat container');
    const environment = containerEnvironment(container, objects);
    expect(environment.get('DATABASE_URL')).toEqual({
      from: 'secret',
      secret: 'pyairtable-db-app',
      key: 'uri',
    });
    expect(environment.get('GEMINI_API_KEY')).toEqual({
      from: 'secret',
      secret: 'pyairtable-secrets',
      key: 'GEMINI_API_KEY',
    });
    const job = named(objects, 'Job', 'pyairtable-migrations');
    const [registry] = job.spec?.template.spec?.initContainers ?? [];
    if (registry === undefined) throw new Error('no migration step');
    expect(containerEnvironment(registry, objects).get('DATABASE_URL')).toEqual({
      from: 'secret',
      secret: 'pyairtable-db-app',
      key: 'uri',
    });
  });
});

describe('the Airtable emulator', () => {
  it('runs only in development, where mcp and the operator use it', () => {
    for (const name of ['default', 'production'])
      expect(renderedPods(objectsOf(name)).map((pod) => pod.component)).not.toContain(
        'airtable-emulator',
      );
    const objects = objectsOf('dev');
    for (const component of ['mcp', 'operator']) {
      const configMap = named(objects, 'ConfigMap', `pyairtable-${component}`);
      expect(configMap.data?.['AIRTABLE_ENDPOINT_URL']).toBe(
        'http://pyairtable-airtable-emulator.pyairtable.svc:8090',
      );
    }
    const production = named(objectsOf('production'), 'ConfigMap', 'pyairtable-mcp');
    expect(production.data?.['AIRTABLE_ENDPOINT_URL']).toBe('https://api.airtable.com');
  });
});

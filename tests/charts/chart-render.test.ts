/**
 * charts/pyairtable lints and renders with its default, development and production values;
 * values.schema.json rejects typos by name; and the checks a schema cannot make (required
 * secrets, one autoscaler per Deployment, Redis for replicas, drain times) stop a render with a
 * message naming the values to change.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureGoTool } from '../envtest/index.ts';
import {
  helmLint,
  helmTemplate,
  parseObjects,
  REQUIRED_VALUES,
  RENDERINGS,
} from './support/helm-chart.ts';

// Building helm from its Go module on a fresh machine takes minutes.
beforeAll(() => ensureGoTool('helm'), 30 * 60_000);

describe('helm lint --strict', () => {
  it.each(RENDERINGS)('passes with the $name values', async (rendering) => {
    const result = await helmLint(rendering);
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('0 chart(s) failed');
    expect(result.stdout).not.toMatch(/\[(WARNING|ERROR)\]/);
  });
});

describe('helm template', () => {
  it.each(RENDERINGS)('renders the $name values', async (rendering) => {
    const result = await helmTemplate(rendering);
    expect(result.exitCode, result.stderr).toBe(0);
    const objects = parseObjects(result.stdout);
    const deployments = objects
      .filter((object) => object.kind === 'Deployment')
      .map((object) => object.metadata?.name)
      .toSorted();
    expect(deployments).toEqual(
      rendering.name === 'dev'
        ? [
            'pyairtable-airtable-emulator',
            'pyairtable-chat',
            'pyairtable-gateway',
            'pyairtable-mcp',
            'pyairtable-operator',
          ]
        : ['pyairtable-chat', 'pyairtable-gateway', 'pyairtable-mcp', 'pyairtable-operator'],
    );
    for (const object of objects) {
      expect(object.apiVersion, JSON.stringify(object.metadata)).toBeTruthy();
      expect(object.metadata?.name, `${object.kind ?? ''} without a name`).toBeTruthy();
    }
  });
});

describe('values.schema.json', () => {
  it('rejects a misspelt key and names it', async () => {
    const result = await helmTemplate({
      setString: REQUIRED_VALUES,
      set: { 'chat.replicaCont': '2' },
    });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain("additional properties 'replicaCont' not allowed");
    expect(result.stderr).toContain('/chat');
  });

  it('rejects misspelt keys deep in the tree and in the services’ variables', async () => {
    for (const [key, typo] of [
      ['monitoring.serviceMonitor.label.release', 'label'],
      [
        'chat.autoscaling.behavior.scaleUp.stabilisationWindowSeconds',
        'stabilisationWindowSeconds',
      ],
      ['chat.config.LLM_TIMEOUT', 'LLM_TIMEOUT'],
      ['networkPolicy.postgres.port', 'port'],
    ] as const) {
      const result = await helmTemplate({ setString: REQUIRED_VALUES, set: { [key]: '1' } });
      expect(result.exitCode, key).not.toBe(0);
      expect(result.stderr, key).toContain(`additional properties '${typo}' not allowed`);
    }
  });

  it('rejects values of the wrong type or range', async () => {
    for (const [key, value, message] of [
      ['chat.replicaCount', 'two', '/chat/replicaCount'],
      ['chat.config.CHAT_MAX_STEPS', '99', '/chat/config/CHAT_MAX_STEPS'],
      ['gateway.config.REGISTRATION', 'sometimes', '/gateway/config/REGISTRATION'],
      ['monitoring.prometheusRule.latency.thresholdSeconds', '0.75', 'thresholdSeconds'],
    ] as const) {
      const result = await helmTemplate({ setString: REQUIRED_VALUES, set: { [key]: value } });
      expect(result.exitCode, key).not.toBe(0);
      expect(result.stderr, key).toContain(message);
    }
  });
});

describe('checks across values', () => {
  async function failure(set: Record<string, string>, setString = REQUIRED_VALUES) {
    const result = await helmTemplate({ set, setString });
    expect(result.exitCode, 'the render should fail').not.toBe(0);
    return result.stderr;
  }

  it('require DATABASE_URL and SECRET_ENCRYPTION_KEYS', async () => {
    expect(await failure({}, {})).toContain('secrets.databaseUrl: DATABASE_URL is required');
    expect(
      await failure({}, { 'secrets.databaseUrl.value': 'postgres://db/pyairtable' }),
    ).toContain('SECRET_ENCRYPTION_KEYS is required');
  });

  it('refuse a secret given both as a value and as an existing Secret', async () => {
    expect(await failure({ 'secrets.databaseUrl.existingSecret': 'db' })).toContain(
      'secrets.databaseUrl: set either value or existingSecret, not both',
    );
  });

  it('refuse an HPA and a KEDA ScaledObject on chat together', async () => {
    const stderr = await failure(
      { 'chat.autoscaling.enabled': 'true', 'chat.keda.enabled': 'true' },
      { ...REQUIRED_VALUES, 'secrets.redisUrl.value': 'redis://redis:6379' },
    );
    expect(stderr).toContain('chat.autoscaling.enabled and chat.keda.enabled: choose one');
  });

  it('refuse several replicas without Redis', async () => {
    expect(await failure({ 'mcp.replicaCount': '2' })).toContain('secrets.redisUrl');
    expect(await failure({ 'chat.autoscaling.enabled': 'true' })).toContain('secrets.redisUrl');
  });

  it('refuse two operator replicas without leader election', async () => {
    expect(await failure({ 'operator.leaderElection.enabled': 'false' })).toContain(
      'operator.replicaCount > 1 needs operator.leaderElection.enabled',
    );
  });

  it('refuse a grace period shorter than the preStop sleep and the drain', async () => {
    expect(await failure({ 'chat.terminationGracePeriodSeconds': '120' })).toContain(
      'chat.terminationGracePeriodSeconds (120) must exceed preStopSleepSeconds + SHUTDOWN_TIMEOUT_MS (160 s)',
    );
  });

  it('refuse a chat drain shorter than a model attempt plus a tool call', async () => {
    expect(await failure({ 'chat.config.LLM_TIMEOUT_MS': '300000' })).toContain(
      'chat.config.SHUTDOWN_TIMEOUT_MS (150000) must be at least LLM_TIMEOUT_MS + TOOL_TIMEOUT_MS (330000)',
    );
  });

  it('require both admin bootstrap values or neither', async () => {
    expect(
      await failure({}, { ...REQUIRED_VALUES, 'secrets.adminEmail.value': 'a@b.co' }),
    ).toContain('secrets.adminEmail and secrets.adminPassword');
  });
});

/**
 * The metric families the platform really exports, read from live `/metrics` scrapes: gateway,
 * chat and mcp running together in this process (tests/support/full-platform.ts) after one
 * tool-using chat turn through the gateway (so lazily registered families, the Airtable access
 * layer's among them, exist), and an operator built as its entry point builds it. prom-client
 * prints `# TYPE` for every registered family, samples or not.
 */
import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { createLogger, generateCipherKey, loadConfig } from '@pyairtable/kit';
import { buildOperator, operatorConfigSchema } from '@pyairtable/operator';
import { KubeConfig } from '@kubernetes/client-node';
import { beforeAll } from 'vitest';
import { useFullPlatform } from '../../support/full-platform.ts';

/** Families by job (the component name the ServiceMonitor gives each scrape). */
export type MetricFamilies = ReadonlyMap<string, ReadonlySet<string>>;

/** The `# TYPE` families of a Prometheus text exposition. */
export function familiesOf(exposition: string): Set<string> {
  return new Set(
    exposition
      .split('\n')
      .filter((line) => line.startsWith('# TYPE '))
      .map((line) => line.split(' ')[2] ?? ''),
  );
}

async function scrape(url: string): Promise<Set<string>> {
  const response = await fetch(`${url}/metrics`);
  if (response.status !== 200)
    throw new Error(`${url}/metrics answered ${String(response.status)}`);
  return familiesOf(await response.text());
}

/** One chat turn through the gateway in which the model calls an Airtable tool. */
async function toolUsingTurn(
  platform: ReturnType<typeof useFullPlatform>['platform'],
): Promise<void> {
  const headers = {
    authorization: `Bearer ${await platform.alice.accessToken()}`,
    'content-type': 'application/json',
  };
  platform.gemini.enqueue(
    {
      functionCalls: [
        { name: 'list_records', args: { baseId: DEMO_SALES_BASE_ID, table: 'Deals', pageSize: 2 } },
      ],
    },
    { text: ['Two ', 'deals.'] },
  );
  const session = await fetch(`${platform.gatewayUrl}/api/chat/sessions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ workspaceId: platform.alice.workspaceId }),
  });
  if (session.status !== 201) throw new Error(`session: ${await session.text()}`);
  const { id } = (await session.json()) as { id: string };
  const answer = await fetch(`${platform.gatewayUrl}/api/chat/sessions/${id}/messages`, {
    method: 'POST',
    headers: { ...headers, accept: 'text/event-stream' },
    body: JSON.stringify({ content: 'Two deals?' }),
  });
  const stream = await answer.text();
  if (!stream.includes('message.completed') || !stream.includes('"outcome":"ok"'))
    throw new Error(`the turn did not complete with a tool call:\n${stream}`);
}

/**
 * The operator's families. Its metrics are registered when it is built, so it needs neither a
 * reachable apiserver nor Postgres to list them (both are connected to lazily).
 */
async function operatorFamilies(): Promise<Set<string>> {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'none', server: 'https://127.0.0.1:9', skipTLSVerify: true }],
    users: [{ name: 'none' }],
    contexts: [{ name: 'none', cluster: 'none', user: 'none' }],
    currentContext: 'none',
  });
  const config = loadConfig(operatorConfigSchema, {
    DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none',
    SECRET_ENCRYPTION_KEYS: generateCipherKey('metrics'),
    LEADER_ELECTION: 'false',
  });
  const logger = createLogger({ service: 'operator', level: 'silent' });
  const operator = buildOperator({ config, kubeConfig, logger });
  try {
    const response = await operator.app.inject({ method: 'GET', url: '/metrics' });
    return familiesOf(response.body);
  } finally {
    await operator.app.close();
  }
}

/** Starts the platform for the calling file and scrapes it once in `beforeAll`. */
export function useLiveMetricFamilies(): { readonly families: MetricFamilies } {
  const running = useFullPlatform();
  const families = new Map<string, ReadonlySet<string>>();
  beforeAll(async () => {
    const { platform } = running;
    await toolUsingTurn(platform);
    families.set('gateway', await scrape(platform.gatewayUrl));
    families.set('chat', await scrape(platform.chatUrl));
    families.set('mcp', await scrape(platform.mcpUrl));
    families.set('operator', await operatorFamilies());
  }, 120_000);
  return {
    get families() {
      if (families.size === 0) throw new Error('the metrics were read before beforeAll ran');
      return families;
    },
  };
}

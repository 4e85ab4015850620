/**
 * One measured run of the operator benchmark: many Secrets and Tenants created at once, then
 * the Tenants watched until every one reports Ready=True.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { CustomObjectsApi, ListWatch, Watch } from '@kubernetes/client-node';
import type { CoreV1Api, KubeConfig, KubernetesListObject } from '@kubernetes/client-node';
import { GROUP, TENANT_PLURAL, VERSION } from '@pyairtable/operator';
import type { Tenant } from '@pyairtable/operator';
import { conditionOf, putTokenSecret, resources } from '../operator/support/resources.ts';

/** Options of {@link createTenantsUntilReady}. */
export interface TenantLoadOptions {
  readonly kubeConfig: KubeConfig;
  readonly core: CoreV1Api;
  readonly namespace: string;
  /** One token per tenant; tenant `i` gets a Secret holding `tokens[i]`. */
  readonly tokens: readonly string[];
  /** Secret-and-Tenant pairs being created at once. */
  readonly concurrency: number;
  /** The run gives up (and reports what became Ready) after this long. */
  readonly timeoutMs: number;
}

/** What one run measured. */
export interface TenantLoadResult {
  readonly tenants: number;
  /** Tenants seen Ready by the watch and confirmed Ready by a list afterwards. */
  readonly ready: number;
  /** From the first create until the watch saw the last tenant Ready (or the timeout). */
  readonly totalMs: number;
  /** From the first create until the last Tenant was created. */
  readonly createMs: number;
  /** Per Ready tenant: from its create returning until the watch saw it Ready. */
  readonly timeToReadyMs: readonly number[];
}

/**
 * Creates a labelled Secret and then its Tenant for every token, `concurrency` pairs in
 * flight, while a watch on the namespace's Tenants notes when each first shows Ready=True.
 * A watch rather than a poll: listing 1,000 Tenants takes the loaded apiserver about a second,
 * which would both coarsen every sample and add load to what is measured.
 */
export async function createTenantsUntilReady(
  options: TenantLoadOptions,
): Promise<TenantLoadResult> {
  const { namespace, tokens } = options;
  const createdAt = new Map<string, number>();
  const readyAt = new Map<string, number>();
  const list = listTenants(options.kubeConfig, namespace);
  const watch = new ListWatch<Tenant>(
    `/apis/${GROUP}/${VERSION}/namespaces/${namespace}/${TENANT_PLURAL}`,
    new Watch(options.kubeConfig),
    list,
    false,
  );
  let watchError: Error | undefined;
  let allReady: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => {
    allReady = resolve;
  });
  const seen = (tenant: Tenant): void => {
    const name = tenant.metadata.name ?? '';
    if (readyAt.has(name) || conditionOf(tenant, 'Ready')?.status !== 'True') return;
    readyAt.set(name, performance.now());
    if (readyAt.size >= tokens.length) allReady();
  };
  watch.on('add', seen);
  watch.on('update', seen);
  watch.on('error', (error: unknown) => {
    watchError = new Error('the watch on Tenants failed', { cause: error });
    allReady();
  });
  await watch.start();

  const started = performance.now();
  let createMs = 0;
  const timer = new AbortController();
  try {
    const creating = createAll(options, createdAt).then(() => {
      createMs = performance.now() - started;
    });
    const timedOut = sleep(options.timeoutMs, undefined, { signal: timer.signal }).catch(
      () => undefined,
    );
    await Promise.race([Promise.all([creating, ended]), timedOut]);
    if (watchError !== undefined) throw watchError;
    // Creates still running at the timeout have to end before the run may stop.
    await creating;
  } finally {
    timer.abort();
    await watch.stop();
  }
  const finishedAt = readyAt.size >= tokens.length ? Math.max(...readyAt.values()) : undefined;
  const totalMs = (finishedAt ?? performance.now()) - started;

  const confirmed = new Set(
    (await list()).items
      .filter((tenant) => conditionOf(tenant, 'Ready')?.status === 'True')
      .map((tenant) => tenant.metadata.name ?? ''),
  );
  const timeToReadyMs: number[] = [];
  for (const [name, at] of readyAt) {
    const created = createdAt.get(name);
    // The watch can report a tenant before this side has processed its create's answer.
    if (created !== undefined && confirmed.has(name)) timeToReadyMs.push(Math.max(0, at - created));
  }
  return {
    tenants: tokens.length,
    ready: [...readyAt.keys()].filter((name) => confirmed.has(name)).length,
    totalMs,
    createMs,
    timeToReadyMs,
  };
}

async function createAll(options: TenantLoadOptions, createdAt: Map<string, number>) {
  const { namespace, tokens } = options;
  const api = resources(options.kubeConfig);
  let next = 0;
  const createPairs = async (): Promise<void> => {
    while (next < tokens.length) {
      const index = next;
      next += 1;
      const name = `tenant-${String(index).padStart(4, '0')}`;
      await putTokenSecret(options.core, namespace, `${name}-airtable`, tokens[index] ?? '');
      await api.createTenant(namespace, name, {
        displayName: `Bench tenant ${index}`,
        airtable: { tokenSecretRef: { name: `${name}-airtable`, key: 'token' } },
      });
      createdAt.set(name, performance.now());
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency, tokens.length) }, createPairs),
  );
}

/** How many of the namespace's Tenants have Ready=True now. */
export async function countReadyTenants(kubeConfig: KubeConfig, namespace: string) {
  const { items } = await listTenants(kubeConfig, namespace)();
  return items.filter((tenant) => conditionOf(tenant, 'Ready')?.status === 'True').length;
}

function listTenants(
  kubeConfig: KubeConfig,
  namespace: string,
): () => Promise<KubernetesListObject<Tenant>> {
  const api = kubeConfig.makeApiClient(CustomObjectsApi);
  return async () =>
    (await api.listNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      plural: TENANT_PLURAL,
      namespace,
    })) as KubernetesListObject<Tenant>;
}

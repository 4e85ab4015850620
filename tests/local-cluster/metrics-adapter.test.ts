/**
 * The custom metrics adapter the local cluster's chat HPA reads `chat_generations_in_flight`
 * from: its routing with in-memory sources, its clients against a dead Prometheus and a fake
 * Kubernetes API, and main.ts itself as a process serving HTTPS with a throwaway certificate.
 */
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TLSSocket } from 'node:tls';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../infra/local-cluster/metrics-adapter/src/config.ts';
import { createKubernetesPodLister } from '../../infra/local-cluster/metrics-adapter/src/kubernetes-pods.ts';
import type { PodLister } from '../../infra/local-cluster/metrics-adapter/src/kubernetes-pods.ts';
import type { Logger } from '../../infra/local-cluster/metrics-adapter/src/logger.ts';
import { podMetricQuery } from '../../infra/local-cluster/metrics-adapter/src/pod-metric-values.ts';
import { createPrometheusClient } from '../../infra/local-cluster/metrics-adapter/src/prometheus-client.ts';
import type { PrometheusClient } from '../../infra/local-cluster/metrics-adapter/src/prometheus-client.ts';
import { formatQuantity } from '../../infra/local-cluster/metrics-adapter/src/quantity.ts';
import { createRequestHandler } from '../../infra/local-cluster/metrics-adapter/src/server.ts';
import type { MetricSources } from '../../infra/local-cluster/metrics-adapter/src/pod-metric-values.ts';
import { waitForOutput } from '../support/wait-for-output.ts';

const MAIN = path.resolve(
  import.meta.dirname,
  '../../infra/local-cluster/metrics-adapter/src/main.ts',
);
const METRIC = 'chat_generations_in_flight';
const API = '/apis/custom.metrics.k8s.io/v1beta2';
const TOKEN = 'sa-token-that-must-never-leak';
const SAMPLE_TIME = 1_700_000_000.25;

interface Reply {
  readonly status: number;
  readonly text: string;
  readonly json: Record<string, unknown>;
}

interface FakePod {
  readonly name: string;
  readonly phase: string;
  readonly labels: Readonly<Record<string, string>>;
}

const PODS: readonly FakePod[] = [
  { name: 'chat-a', phase: 'Running', labels: { app: 'chat' } },
  { name: 'chat-b', phase: 'Running', labels: { app: 'chat' } },
  { name: 'chat-c', phase: 'Pending', labels: { app: 'chat' } },
  // Running and selected, but Prometheus has no sample for it yet.
  { name: 'chat-d', phase: 'Running', labels: { app: 'chat' } },
  { name: 'gateway-a', phase: 'Running', labels: { app: 'gateway' } },
];
const SAMPLES: Readonly<Record<string, string>> = { 'chat-a': '3', 'chat-b': '0.5', 'chat-c': '7' };

function parseReply(status: number, text: string): Reply {
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Health endpoints answer plain text.
  }
  return { status, text, json };
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}

async function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/** Pods from PODS: the label selector `app=<x>` and the name field selector are honoured. */
function podsFor(labelSelector: string | undefined, name: string | undefined): FakePod[] {
  const app = labelSelector === undefined ? undefined : /^app=([a-z]+)$/.exec(labelSelector)?.[1];
  return PODS.filter(
    (pod) =>
      (app === undefined || pod.labels['app'] === app) && (name === undefined || pod.name === name),
  );
}

/** In-memory sources over PODS and SAMPLES, recording the PromQL they are asked. */
function fakeSources(): MetricSources & { readonly queries: string[] } {
  const queries: string[] = [];
  const pods: PodLister = {
    listRunningPods: (_namespace, filter) =>
      Promise.resolve(
        podsFor(filter.labelSelector, filter.name)
          .filter((pod) => pod.phase === 'Running')
          .map((pod) => pod.name),
      ),
  };
  const prometheus: PrometheusClient = {
    queryVector: (query) => {
      queries.push(query);
      return Promise.resolve(
        Object.entries(SAMPLES)
          .filter(([pod]) => query.includes(pod))
          .map(([pod, value]) => ({
            labels: { pod },
            timestampSeconds: SAMPLE_TIME,
            value: Number(value),
          })),
      );
    },
    lastAnsweredAt: () => undefined,
  };
  return { pods, prometheus, queries };
}

const silentLogger: Logger = {
  request: () => undefined,
  info: () => undefined,
  error: () => undefined,
};

async function serveHandler(sources: MetricSources): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer(
    createRequestHandler({ metrics: [METRIC], sources, logger: silentLogger }),
  );
  return { url: await listen(server), server };
}

async function fetchReply(url: string, init?: RequestInit): Promise<Reply> {
  const response = await fetch(url, init);
  return parseReply(response.status, await response.text());
}

describe('metrics adapter routing', () => {
  const sources = fakeSources();
  let base = '';
  let server: http.Server | undefined;
  beforeAll(async () => {
    ({ url: base, server } = await serveHandler(sources));
  });
  afterAll(async () => {
    if (server !== undefined) await close(server);
  });

  it('answers discovery for /apis and the group', async () => {
    const groups = await fetchReply(`${base}/apis`);
    expect(groups.json['kind']).toBe('APIGroupList');
    const group = await fetchReply(`${base}/apis/custom.metrics.k8s.io`);
    expect(group.json).toMatchObject({
      kind: 'APIGroup',
      preferredVersion: { groupVersion: 'custom.metrics.k8s.io/v1beta2', version: 'v1beta2' },
    });
  });

  it('answers one pod by name, and 404 naming metric and pod when it has no value', async () => {
    const one = await fetchReply(`${base}${API}/namespaces/pyairtable/pods/chat-b/${METRIC}`);
    expect(one.status).toBe(200);
    expect(one.json['items']).toEqual([
      {
        describedObject: {
          kind: 'Pod',
          namespace: 'pyairtable',
          name: 'chat-b',
          apiVersion: '/v1',
        },
        metric: { name: METRIC },
        timestamp: '2023-11-14T22:13:20Z',
        value: '500m',
      },
    ]);
    const none = await fetchReply(`${base}${API}/namespaces/pyairtable/pods/chat-d/${METRIC}`);
    expect(none.status).toBe(404);
    expect(none.json).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'NotFound',
      code: 404,
    });
    expect(none.json['message']).toContain(`${METRIC} for pods chat-d`);
  });

  it('refuses other resources, malformed names, other methods and unknown paths', async () => {
    const cases: readonly [string, number, string][] = [
      [`${API}/namespaces/pyairtable/services/chat/${METRIC}`, 404, 'NotFound'],
      [`${API}/namespaces/pyairtable/pods/Chat_A/${METRIC}`, 400, 'BadRequest'],
      [`${API}/namespaces/pyairtable/pods/*/bad-metric`, 400, 'BadRequest'],
      [`${API}/namespaces/pyairtable/metrics/${METRIC}`, 404, 'NotFound'],
      [`${API}/pods/chat-a/${METRIC}`, 404, 'NotFound'],
      ['/openapi/v2', 404, 'NotFound'],
      ['/api/v1/pods', 404, 'NotFound'],
    ];
    for (const [target, status, reason] of cases) {
      const reply = await fetchReply(`${base}${target}`);
      expect({ target, status: reply.status, reason: reply.json['reason'] }).toEqual({
        target,
        status,
        reason,
      });
    }
    const post = await fetchReply(`${base}${API}`, { method: 'POST', body: '{}' });
    expect(post.json).toMatchObject({ kind: 'Status', reason: 'MethodNotAllowed', code: 405 });
    expect(sources.queries.some((query) => query.includes('bad-metric'))).toBe(false);
  });

  it('answers health at once and readiness by asking Prometheus', async () => {
    expect((await fetchReply(`${base}/healthz`)).status).toBe(200);
    const ready = await fetchReply(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(sources.queries.at(-1)).toBe('vector(1)');
  });
});

describe('metrics adapter formatting', () => {
  it('writes integers plainly and fractions in milli-units', () => {
    expect([3, 0, 0.5, 1.5, -0.25, 2.9999, 2 ** 60].map(formatQuantity)).toEqual([
      '3',
      '0',
      '500m',
      '1500m',
      '-250m',
      '3',
      '1152921504606846976',
    ]);
    expect(() => formatQuantity(Number.NaN)).toThrow(RangeError);
  });

  it('escapes pod names in the PromQL regex', () => {
    expect(podMetricQuery(METRIC, 'ns', ['a.b', 'c'])).toBe(
      `sum by (pod) (${METRIC}{namespace="ns",pod=~"a\\\\.b|c"})`,
    );
  });
});

describe('metrics adapter configuration', () => {
  const valid = { PROMETHEUS_URL: 'http://prometheus:9090', KUBERNETES_SERVICE_HOST: '10.96.0.1' };

  it('fills defaults and the in-cluster API address', () => {
    const config = loadConfig({ ...valid, KUBERNETES_SERVICE_PORT: '443' });
    expect(config.metrics).toEqual([METRIC]);
    expect(config.port).toBe(6443);
    expect(config.kubernetes.url.href).toBe('https://10.96.0.1/');
    expect(config.kubernetes.caFile).toBe('/var/run/secrets/kubernetes.io/serviceaccount/ca.crt');
  });

  it('names the variable at fault', () => {
    const cases: readonly [Record<string, string>, string][] = [
      [{ KUBERNETES_SERVICE_HOST: '10.96.0.1' }, 'PROMETHEUS_URL'],
      [{ ...valid, PROMETHEUS_URL: 'prometheus:9090/x y' }, 'PROMETHEUS_URL'],
      [{ ...valid, METRICS: 'ok,not-a-metric' }, 'METRICS'],
      [{ ...valid, PORT: '70000' }, 'PORT'],
      [{ PROMETHEUS_URL: 'http://prometheus:9090' }, 'KUBERNETES_SERVICE_HOST'],
      [{ ...valid, KUBERNETES_SERVICE_PORT: 'https' }, 'KUBERNETES_SERVICE_PORT'],
    ];
    for (const [env, variable] of cases) {
      const error = (() => {
        try {
          loadConfig(env);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message.startsWith(variable)).toBe(true);
    }
  });
});

describe('metrics adapter upstream failures', () => {
  let scratch = '';
  let deadUrl = '';
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'metrics-adapter-'));
    await writeFile(path.join(scratch, 'token'), TOKEN);
    // A port that was just free and is closed again: connections are refused.
    const probe = http.createServer();
    deadUrl = await listen(probe);
    await close(probe);
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  async function replyWith(
    sources: MetricSources,
    target = `${API}/namespaces/pyairtable/pods/*/${METRIC}?labelSelector=app%3Dchat`,
  ): Promise<Reply> {
    const { url, server } = await serveHandler(sources);
    try {
      return await fetchReply(`${url}${target}`);
    } finally {
      await close(server);
    }
  }

  it('answers 503 without the token when Prometheus or the Kubernetes API is down', async () => {
    const fakes = fakeSources();
    const prometheusDown = await replyWith({
      pods: fakes.pods,
      prometheus: createPrometheusClient({ baseUrl: new URL(deadUrl) }),
    });
    expect(prometheusDown.json).toMatchObject({
      kind: 'Status',
      reason: 'ServiceUnavailable',
      code: 503,
    });
    expect(prometheusDown.json['message']).toContain('Prometheus');

    const kubernetesDown = await replyWith({
      pods: createKubernetesPodLister({
        apiUrl: new URL(deadUrl),
        tokenFile: path.join(scratch, 'token'),
      }),
      prometheus: fakes.prometheus,
    });
    expect(kubernetesDown.json).toMatchObject({ kind: 'Status', code: 503 });
    expect(kubernetesDown.json['message']).toContain('Kubernetes API');
    expect(prometheusDown.text + kubernetesDown.text).not.toContain(TOKEN);
  });

  it('is not ready while Prometheus does not answer', async () => {
    const notReady = await replyWith(
      { ...fakeSources(), prometheus: createPrometheusClient({ baseUrl: new URL(deadUrl) }) },
      '/readyz',
    );
    expect(notReady.status).toBe(503);
    expect(notReady.text).toContain('Prometheus is not answering');
  });
});

describe('metrics adapter main.ts over HTTPS', () => {
  let scratch = '';
  let adapter: ChildProcess | undefined;
  let adapterPort = 0;
  let output = '';
  const prometheusQueries: string[] = [];
  const kubernetesRequests: { url: string; authorization: string | undefined }[] = [];
  const fakes: http.Server[] = [];

  const prometheus = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const query = new URLSearchParams(body).get('query') ?? '';
      prometheusQueries.push(query);
      const result = Object.entries(SAMPLES)
        .filter(([pod]) => query.includes(pod))
        .map(([pod, value]) => ({ metric: { pod }, value: [SAMPLE_TIME, value] }));
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
    });
  });

  const kubernetes = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://kubernetes');
    kubernetesRequests.push({ url: url.href, authorization: request.headers.authorization });
    const labelSelector = url.searchParams.get('labelSelector') ?? undefined;
    response.setHeader('content-type', 'application/json');
    if (labelSelector !== undefined && !/^app=[a-z]+$/.test(labelSelector)) {
      response.statusCode = 400;
      response.end(
        JSON.stringify({
          kind: 'Status',
          code: 400,
          message: `unable to parse requirement: ${labelSelector}`,
        }),
      );
      return;
    }
    // The fake honours the label selector and the name field selector but not the phase one,
    // so the adapter's own check of the phase is what keeps the Pending pod out.
    const name = /metadata\.name=([^,]+)/.exec(url.searchParams.get('fieldSelector') ?? '')?.[1];
    const items = podsFor(labelSelector, name).map((pod) => ({
      metadata: { name: pod.name, namespace: 'pyairtable', labels: pod.labels },
      status: { phase: pod.phase },
    }));
    response.end(JSON.stringify({ kind: 'PodList', apiVersion: 'v1', items }));
  });

  function get(target: string): Promise<Reply & { readonly peerName: unknown }> {
    return new Promise((resolve, reject) => {
      // As the APIService's insecureSkipTLSVerify: the aggregator does not check the certificate.
      const request = https.get(
        { host: '127.0.0.1', port: adapterPort, path: target, rejectUnauthorized: false },
        (response) => {
          const { socket } = response;
          const peerName =
            socket instanceof TLSSocket ? socket.getPeerCertificate().subject.CN : undefined;
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => {
            resolve({ ...parseReply(response.statusCode ?? 0, text), peerName });
          });
        },
      );
      request.on('error', reject);
    });
  }

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'metrics-adapter-'));
    const key = path.join(scratch, 'tls.key');
    const cert = path.join(scratch, 'tls.crt');
    await promisify(execFile)('openssl', [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1'],
      ...['-keyout', key, '-out', cert],
    ]);
    await writeFile(path.join(scratch, 'token'), `${TOKEN}\n`);
    fakes.push(prometheus, kubernetes);
    const env = {
      PROMETHEUS_URL: await listen(prometheus),
      KUBERNETES_API_URL: await listen(kubernetes),
      SERVICE_ACCOUNT_DIR: scratch,
      TLS_CERT_FILE: cert,
      TLS_KEY_FILE: key,
      PORT: '0',
    };
    const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    adapter = child;
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitForOutput('the metrics adapter', child, () => output, '"msg":"listening"', 15_000);
    adapterPort = Number(/"port":(\d+)/.exec(output)?.[1]);
  });

  afterAll(async () => {
    if (adapter?.exitCode === null) adapter.kill('SIGKILL');
    await Promise.all(fakes.map(close));
    await rm(scratch, { recursive: true, force: true });
  });

  it('lists the metric in discovery, over TLS with the mounted certificate', async () => {
    const discovery = await get(API);
    expect(discovery.peerName).toBe('localhost');
    expect(discovery.json).toMatchObject({
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: 'custom.metrics.k8s.io/v1beta2',
      resources: [
        { name: `pods/${METRIC}`, namespaced: true, kind: 'MetricValueList', verbs: ['get'] },
      ],
    });
  });

  it('answers * with one item per running selected pod that has a sample', async () => {
    const reply = await get(
      `${API}/namespaces/pyairtable/pods/*/${METRIC}?labelSelector=app%3Dchat`,
    );
    expect(reply.json).toMatchObject({
      kind: 'MetricValueList',
      apiVersion: 'custom.metrics.k8s.io/v1beta2',
    });
    const items = reply.json['items'] as { describedObject: { name: string }; value: string }[];
    expect(items.map((item) => [item.describedObject.name, item.value])).toEqual([
      ['chat-a', '3'],
      ['chat-b', '500m'],
    ]);

    const query = prometheusQueries.at(-1) ?? '';
    expect(query).toContain(METRIC);
    expect(query).toContain('namespace="pyairtable"');
    expect(query).toContain('pod=~"chat-a|chat-b|chat-d"');
    const listed = kubernetesRequests.at(-1);
    expect(listed?.url).toContain('/api/v1/namespaces/pyairtable/pods?labelSelector=app%3Dchat');
    expect(listed?.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('refuses a metric it does not serve, a bad namespace and a selector the API refuses', async () => {
    const other = await get(`${API}/namespaces/pyairtable/pods/*/process_cpu_seconds_total`);
    expect(other.json).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'NotFound',
      code: 404,
    });
    const namespace = await get(`${API}/namespaces/Not_A_Namespace/pods/*/${METRIC}`);
    expect(namespace.status).toBe(400);
    expect(namespace.json['reason']).toBe('BadRequest');
    const selector = await get(
      `${API}/namespaces/pyairtable/pods/*/${METRIC}?labelSelector=app%20in%20(`,
    );
    expect(selector.status).toBe(400);
    expect(selector.json['message']).toContain('unable to parse requirement');
  });

  it('logs a JSON line per request without the token, and exits 0 on SIGTERM', async () => {
    const line = output.split('\n').find((entry) => entry.includes('"msg":"request"')) ?? '{}';
    expect(JSON.parse(line)).toMatchObject({
      method: 'GET',
      path: expect.any(String) as string,
      status: 200,
    });
    expect(output).not.toContain(TOKEN);
    const child = adapter;
    if (child === undefined) throw new Error('the adapter did not start');
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
  });

  it('refuses to start when configuration is missing, naming the variable', async () => {
    const child = spawn(process.execPath, [MAIN], {
      env: { PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(stderr).toContain('PROMETHEUS_URL is required');
  });
});

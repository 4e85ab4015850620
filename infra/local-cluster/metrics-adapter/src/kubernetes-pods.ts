/**
 * Lists the running pods a metric request is about, through the Kubernetes API with the
 * adapter's service account (node:https: the image has no client library).
 */
import http from 'node:http';
import https from 'node:https';
import { readFile } from 'node:fs/promises';
import { describeFailure, InvalidSelectorError, UpstreamError } from './upstream-errors.ts';

/** Which pods of a namespace to list. */
export interface PodFilter {
  /** Passed to the Kubernetes API as given: it is the one that knows the selector grammar. */
  readonly labelSelector?: string;
  /** Only this pod. */
  readonly name?: string;
}

/** What the adapter needs from the Kubernetes API. */
export interface PodLister {
  /**
   * Names of the Running pods of a namespace that match the filter.
   * @throws InvalidSelectorError when the API refuses the label selector.
   * @throws UpstreamError when the API cannot be reached or answers with another error.
   */
  listRunningPods(namespace: string, filter: PodFilter): Promise<readonly string[]>;
}

/** How to reach the Kubernetes API. */
export interface KubernetesPodListerOptions {
  readonly apiUrl: URL;
  /** Read on every call, since kubelet rotates projected tokens in place. */
  readonly tokenFile: string;
  /** PEM of the CA that signed the apiserver's certificate (https only). */
  readonly ca?: string;
  readonly timeoutMs?: number;
}

interface RawResponse {
  readonly status: number;
  readonly body: string;
}

interface PodListItem {
  readonly metadata?: { readonly name?: unknown };
  readonly status?: { readonly phase?: unknown };
}

const DEFAULT_TIMEOUT_MS = 5_000;
// A PodList of a few thousand pods; anything larger is not an answer we can use.
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** A pod lister for one Kubernetes API. */
export function createKubernetesPodLister(options: KubernetesPodListerOptions): PodLister {
  const base = options.apiUrl.href.endsWith('/') ? options.apiUrl.href : `${options.apiUrl.href}/`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return {
    async listRunningPods(namespace, filter) {
      const url = new URL(`api/v1/namespaces/${encodeURIComponent(namespace)}/pods`, base);
      if (filter.labelSelector !== undefined) {
        url.searchParams.set('labelSelector', filter.labelSelector);
      }
      const fields = ['status.phase=Running'];
      if (filter.name !== undefined) fields.push(`metadata.name=${filter.name}`);
      url.searchParams.set('fieldSelector', fields.join(','));

      const token = await readToken(options.tokenFile);
      let response: RawResponse;
      try {
        response = await get(url, token, options.ca, timeoutMs);
      } catch (error) {
        throw new UpstreamError(
          'kubernetes',
          `the Kubernetes API did not answer: ${describeFailure(error)}`,
          { cause: error },
        );
      }
      return runningPodNames(response, namespace);
    },
  };
}

async function readToken(tokenFile: string): Promise<string> {
  try {
    return (await readFile(tokenFile, 'utf8')).trim();
  } catch (error) {
    throw new UpstreamError(
      'kubernetes',
      `cannot read the service account token ${tokenFile}: ${describeFailure(error)}`,
      { cause: error },
    );
  }
}

function runningPodNames(response: RawResponse, namespace: string): string[] {
  const body = parseJson(response.body);
  if (response.status === 400) {
    throw new InvalidSelectorError(
      statusMessage(body) ?? 'the Kubernetes API refused the selector',
    );
  }
  if (response.status !== 200) {
    const detail = statusMessage(body) ?? 'no message';
    throw new UpstreamError(
      'kubernetes',
      `the Kubernetes API answered ${response.status} listing pods in ${namespace}: ${detail}`,
    );
  }
  const items: unknown = (body as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items)) {
    throw new UpstreamError(
      'kubernetes',
      'the Kubernetes API answered with something else than a PodList',
    );
  }
  // The field selector already asks for Running pods; checking again costs nothing and keeps
  // a pod that changed phase in between out.
  return (items as readonly PodListItem[]).flatMap((pod) => {
    const name = pod.metadata?.name;
    return typeof name === 'string' && pod.status?.phase === 'Running' ? [name] : [];
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The `message` of a Kubernetes `Status` body, if that is what came back. */
function statusMessage(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

function get(
  url: URL,
  token: string,
  ca: string | undefined,
  timeoutMs: number,
): Promise<RawResponse> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token !== '') headers['authorization'] = `Bearer ${token}`;
  const signal = AbortSignal.timeout(timeoutMs);
  return new Promise((resolve, reject) => {
    const onResponse = (response: http.IncomingMessage): void => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) request.destroy(new Error('the response is too large'));
        else chunks.push(chunk);
      });
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', reject);
    };
    const request =
      url.protocol === 'https:'
        ? https.request(
            url,
            { method: 'GET', headers, signal, ...(ca === undefined ? {} : { ca }) },
            onResponse,
          )
        : http.request(url, { method: 'GET', headers, signal }, onResponse);
    request.on('error', reject);
    request.end();
  });
}

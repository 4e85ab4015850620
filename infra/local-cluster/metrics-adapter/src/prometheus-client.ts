/**
 * Instant queries against Prometheus's HTTP API (`/api/v1/query`), through global fetch.
 */
import { describeFailure, UpstreamError } from './upstream-errors.ts';

/** One series of an instant vector. */
export interface VectorSample {
  readonly labels: Readonly<Record<string, string>>;
  /** When the sample was evaluated, in seconds since the epoch. */
  readonly timestampSeconds: number;
  /** May be NaN or ±Infinity, as Prometheus allows. */
  readonly value: number;
}

/** What the adapter needs from Prometheus. */
export interface PrometheusClient {
  /**
   * Runs an instant query whose result is a vector.
   * @throws UpstreamError when Prometheus cannot be reached or answers with an error.
   */
  queryVector(query: string): Promise<readonly VectorSample[]>;
  /** When a query last succeeded (ms since the epoch), undefined before the first. */
  lastAnsweredAt(): number | undefined;
}

/** How to reach Prometheus. */
export interface PrometheusClientOptions {
  /** The server's root; a path prefix (Prometheus behind a proxy) is kept. */
  readonly baseUrl: URL;
  /** Per query; the HPA controller itself gives up on a metric after 30 s or so. */
  readonly timeoutMs?: number;
}

interface QueryResponse {
  readonly status?: unknown;
  readonly error?: unknown;
  readonly data?: { readonly resultType?: unknown; readonly result?: unknown };
}

const DEFAULT_TIMEOUT_MS = 5_000;

/** A client for one Prometheus server. */
export function createPrometheusClient(options: PrometheusClientOptions): PrometheusClient {
  const base = options.baseUrl.href.endsWith('/')
    ? options.baseUrl.href
    : `${options.baseUrl.href}/`;
  const queryUrl = new URL('api/v1/query', base);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let answeredAt: number | undefined;

  return {
    async queryVector(query) {
      const body = await post(queryUrl, query, timeoutMs);
      const samples = vectorOf(body);
      answeredAt = Date.now();
      return samples;
    },
    lastAnsweredAt: () => answeredAt,
  };
}

async function post(url: URL, query: string, timeoutMs: number): Promise<QueryResponse> {
  let response: Response;
  let text: string;
  try {
    // POST keeps long pod-name regexes out of URL length limits.
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ query }).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw new UpstreamError('prometheus', `Prometheus did not answer: ${describeFailure(error)}`, {
      cause: error,
    });
  }
  const body = parseJson(text);
  if (!response.ok || body?.status !== 'success') {
    const detail = typeof body?.error === 'string' ? body.error : response.statusText;
    throw new UpstreamError('prometheus', `Prometheus answered ${response.status}: ${detail}`);
  }
  return body;
}

function parseJson(text: string): QueryResponse | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

function vectorOf(body: QueryResponse): VectorSample[] {
  const result = body.data?.result;
  if (body.data?.resultType !== 'vector' || !Array.isArray(result)) {
    throw new UpstreamError('prometheus', 'Prometheus answered with something else than a vector');
  }
  return result.map((entry: unknown) => sampleOf(entry));
}

function sampleOf(entry: unknown): VectorSample {
  const { metric, value } = (entry ?? {}) as { metric?: unknown; value?: unknown };
  const [timestamp, text] = Array.isArray(value) ? (value as unknown[]) : [];
  if (
    typeof metric !== 'object' ||
    metric === null ||
    typeof timestamp !== 'number' ||
    typeof text !== 'string'
  ) {
    throw new UpstreamError('prometheus', 'Prometheus answered with a malformed sample');
  }
  const labels = Object.fromEntries(
    Object.entries(metric).filter((pair): pair is [string, string] => typeof pair[1] === 'string'),
  );
  return { labels, timestampSeconds: timestamp, value: sampleValue(text) };
}

/** Prometheus writes infinities as "+Inf" and "-Inf", which Number() does not read. */
function sampleValue(text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

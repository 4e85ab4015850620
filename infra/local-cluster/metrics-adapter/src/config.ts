/**
 * The adapter's settings, read once from the environment at boot. The adapter's image holds
 * only Node and these files, so this cannot be the kit's config loader; it keeps the kit's
 * rule though: a bad value stops the boot with a message naming the variable.
 */
import path from 'node:path';
import { isMetricName } from './name-validation.ts';

/** Environment variables as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Where and how to reach the Kubernetes API. */
export interface KubernetesApiSettings {
  readonly url: URL;
  /** Re-read on every call: kubelet rotates projected service account tokens. */
  readonly tokenFile: string;
  /** The CA that signed the apiserver's certificate; absent for plain-HTTP URLs (tests). */
  readonly caFile?: string;
}

/** Everything the adapter needs to run. */
export interface AdapterConfig {
  readonly prometheusUrl: URL;
  /** The metric names served, each a `pods/<name>` resource. */
  readonly metrics: readonly string[];
  /** 0 picks a free port. */
  readonly port: number;
  readonly tlsCertFile: string;
  readonly tlsKeyFile: string;
  readonly kubernetes: KubernetesApiSettings;
}

/** A setting that stops the boot; the message starts with the variable's name. */
export class ConfigError extends Error {
  /** The environment variable at fault. */
  readonly variable: string;

  constructor(variable: string, problem: string) {
    super(`${variable} ${problem}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

const DEFAULT_METRICS = 'chat_generations_in_flight';
const DEFAULT_PORT = 6443;
const DEFAULT_TLS_CERT_FILE = '/tls/tls.crt';
const DEFAULT_TLS_KEY_FILE = '/tls/tls.key';
const DEFAULT_SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
const DEFAULT_KUBERNETES_SERVICE_PORT = 443;

/**
 * Reads and checks the adapter's settings. Empty values count as unset.
 * @throws ConfigError naming the first variable that is missing or malformed.
 */
export function loadConfig(env: Environment): AdapterConfig {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const prometheusUrl = read('PROMETHEUS_URL');
  if (prometheusUrl === undefined) {
    throw new ConfigError('PROMETHEUS_URL', 'is required (e.g. http://prometheus:9090)');
  }
  const serviceAccountDir = read('SERVICE_ACCOUNT_DIR') ?? DEFAULT_SERVICE_ACCOUNT_DIR;
  return Object.freeze({
    prometheusUrl: prometheusBaseUrl(prometheusUrl),
    metrics: Object.freeze(metricList(read('METRICS') ?? DEFAULT_METRICS)),
    port: portNumber('PORT', read('PORT'), DEFAULT_PORT),
    tlsCertFile: read('TLS_CERT_FILE') ?? DEFAULT_TLS_CERT_FILE,
    tlsKeyFile: read('TLS_KEY_FILE') ?? DEFAULT_TLS_KEY_FILE,
    kubernetes: Object.freeze(kubernetesApi(read, serviceAccountDir)),
  });
}

function kubernetesApi(
  read: (name: string) => string | undefined,
  serviceAccountDir: string,
): KubernetesApiSettings {
  const url = kubernetesApiUrl(read);
  const tokenFile = path.join(serviceAccountDir, 'token');
  return url.protocol === 'https:'
    ? { url, tokenFile, caFile: path.join(serviceAccountDir, 'ca.crt') }
    : { url, tokenFile };
}

/** KUBERNETES_API_URL when given (tests, out-of-cluster runs), else the in-cluster Service. */
function kubernetesApiUrl(read: (name: string) => string | undefined): URL {
  const explicit = read('KUBERNETES_API_URL');
  if (explicit !== undefined) return httpUrl('KUBERNETES_API_URL', explicit);
  const host = read('KUBERNETES_SERVICE_HOST');
  if (host === undefined) {
    throw new ConfigError(
      'KUBERNETES_SERVICE_HOST',
      'is required (Kubernetes sets it in every pod) unless KUBERNETES_API_URL is set',
    );
  }
  const port = portNumber(
    'KUBERNETES_SERVICE_PORT',
    read('KUBERNETES_SERVICE_PORT'),
    DEFAULT_KUBERNETES_SERVICE_PORT,
  );
  // The Service address may be IPv6, which a URL needs in brackets.
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  return httpUrl('KUBERNETES_SERVICE_HOST', `https://${hostInUrl}:${port}`);
}

function prometheusBaseUrl(value: string): URL {
  const url = httpUrl('PROMETHEUS_URL', value);
  // fetch() refuses such URLs, and would print them, credentials included, in its error.
  if (url.username !== '' || url.password !== '') {
    throw new ConfigError('PROMETHEUS_URL', 'must not hold credentials');
  }
  return url;
}

function httpUrl(variable: string, value: string): URL {
  if (!URL.canParse(value)) throw new ConfigError(variable, `is not a URL: "${value}"`);
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(variable, `must be an http:// or https:// URL: "${value}"`);
  }
  return url;
}

function portNumber(variable: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new ConfigError(variable, `must be a port number from 0 to 65535: "${value}"`);
  }
  return port;
}

function metricList(value: string): string[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) throw new ConfigError('METRICS', 'must name at least one metric');
  const invalid = names.find((name) => !isMetricName(name));
  if (invalid !== undefined) {
    throw new ConfigError('METRICS', `holds "${invalid}", which is not a Prometheus metric name`);
  }
  return [...new Set(names)];
}

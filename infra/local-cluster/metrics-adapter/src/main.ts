/**
 * The adapter's one entry point: reads the configuration, serves the custom metrics API over
 * HTTPS (the only scheme the aggregator speaks to an APIService) and closes on SIGTERM.
 *
 *   node infra/local-cluster/metrics-adapter/src/main.ts
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import process from 'node:process';
import { ConfigError, loadConfig } from './config.ts';
import type { AdapterConfig } from './config.ts';
import { createKubernetesPodLister } from './kubernetes-pods.ts';
import { createJsonLogger } from './logger.ts';
import type { Logger } from './logger.ts';
import { createPrometheusClient } from './prometheus-client.ts';
import { createRequestHandler } from './server.ts';
import { describeFailure } from './upstream-errors.ts';

// In-flight requests get this long after SIGTERM before their connections are cut.
const SHUTDOWN_GRACE_MS = 5_000;

function main(logger: Logger): void {
  let config: AdapterConfig;
  let files: BootFiles;
  try {
    // eslint-disable-next-line no-restricted-properties -- the image holds only Node and these files, so not the kit's loader; config.ts checks every variable
    config = loadConfig(process.env);
    files = readBootFiles(config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logger.error(`invalid configuration: ${error.message}`);
    process.exitCode = 1;
    return;
  }

  const handler = createRequestHandler({
    metrics: config.metrics,
    sources: {
      prometheus: createPrometheusClient({ baseUrl: config.prometheusUrl }),
      pods: createKubernetesPodLister({
        apiUrl: config.kubernetes.url,
        tokenFile: config.kubernetes.tokenFile,
        ...(files.ca === undefined ? {} : { ca: files.ca }),
      }),
    },
    logger,
  });
  const server = https.createServer({ cert: files.cert, key: files.key }, handler);
  server.on('tlsClientError', (error) => {
    logger.error('TLS handshake failed', error);
  });
  server.on('error', (error) => {
    logger.error('the server failed', error);
    process.exit(1);
  });
  server.listen(config.port, () => {
    const { port } = server.address() as AddressInfo;
    logger.info('listening', { port, metrics: config.metrics });
  });

  const shutDown = (signal: string): void => {
    logger.info('shutting down', { signal });
    server.close(() => process.exit(0));
    // The aggregator keeps connections open between requests; only idle ones close at once.
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.once('SIGTERM', shutDown);
  process.once('SIGINT', shutDown);
}

interface BootFiles {
  readonly cert: string;
  readonly key: string;
  readonly ca?: string;
}

/** Reads the certificates now, so a missing mount stops the boot instead of a request. */
function readBootFiles(config: AdapterConfig): BootFiles {
  const cert = readBootFile('TLS_CERT_FILE', config.tlsCertFile);
  const key = readBootFile('TLS_KEY_FILE', config.tlsKeyFile);
  const { caFile } = config.kubernetes;
  return caFile === undefined
    ? { cert, key }
    : { cert, key, ca: readBootFile('SERVICE_ACCOUNT_DIR', caFile) };
}

function readBootFile(variable: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(variable, `names a file that cannot be read: ${describeFailure(error)}`);
  }
}

main(createJsonLogger(process.stdout, process.stderr));

import { shutdownTracing } from '../tracing/start-tracing.ts';
import type { ServiceApp } from './create-service-app.ts';

/** Options of {@link runService}. */
export interface RunServiceOptions {
  readonly host: string;
  readonly port: number;
  /** How long in-flight requests and streams get before their connections are cut. */
  readonly shutdownTimeoutMs: number;
  /** Install SIGTERM/SIGINT handlers that stop and exit; off in tests. */
  readonly handleSignals?: boolean;
}

/** A listening service. */
export interface RunningService {
  /** Where it listens, e.g. `http://127.0.0.1:8000`. */
  readonly url: string;
  /** Stops accepting, drains within the bound, then closes pools (onClose hooks). */
  stop(): Promise<void>;
}

/**
 * Listens and owns the lifecycle: on SIGTERM or SIGINT the instance reports not-ready,
 * stops accepting connections, lets in-flight requests finish and streams end (they see
 * `app.shutdownSignal`), cuts whatever is left when the bound expires, closes pools and exits.
 */
export async function runService(
  app: ServiceApp,
  options: RunServiceOptions,
): Promise<RunningService> {
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= drain(app, options.shutdownTimeoutMs);
    return stopping;
  };

  if (options.handleSignals ?? true) {
    const onSignal = (signal: NodeJS.Signals): void => {
      app.log.info({ signal }, 'shutting down');
      stop().then(
        () => {
          app.log.info('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          app.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  return { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, stop };
}

async function drain(app: ServiceApp, timeoutMs: number): Promise<void> {
  const deadline = setTimeout(() => {
    app.log.warn({ timeoutMs }, 'drain bound reached; closing remaining connections');
    app.server.closeAllConnections();
  }, timeoutMs);
  try {
    await app.close();
  } finally {
    clearTimeout(deadline);
  }
  // The last spans sit in the exporter's batch; without a flush they die with the process.
  await shutdownTracing();
}

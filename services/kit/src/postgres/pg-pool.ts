import { Pool } from 'pg';
import type { BaseLogger } from 'pino';

/** Options of {@link createPgPool}. */
export interface PgPoolOptions {
  /** `postgres://user:password@host:port/database`. */
  readonly connectionString: string;
  /** Most connections held open at once; default 10. */
  readonly max?: number;
  /** How long to wait for a connection (new or free) before failing; default 5 s. */
  readonly connectionTimeoutMs?: number;
  /** How long an unused connection stays open; default 30 s. */
  readonly idleTimeoutMs?: number;
  /** Server-side cap on one statement; default 30 s. */
  readonly statementTimeoutMs?: number;
  /** Shown in `pg_stat_activity`, so a DBA can tell which service holds a connection. */
  readonly applicationName?: string;
  /** Receives connection errors that happen outside a query; the console if absent. */
  readonly logger?: Pick<BaseLogger, 'warn'>;
}

/**
 * A `pg` pool with bounds on every wait: pg's own defaults wait for a connection forever and
 * let a statement or an abandoned transaction run forever, which turns one slow query or a
 * database failover into a hung service. Connection errors that arrive while no query is
 * running (Postgres restarted, a proxy cut the socket) are logged instead of crashing the
 * process; pg drops the broken connection and opens a new one on the next query.
 */
export function createPgPool(options: PgPoolOptions): Pool {
  const logger = options.logger ?? consoleLogger;
  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    idleTimeoutMillis: options.idleTimeoutMs ?? 30_000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    // A transaction left open by a bug holds its locks until the server ends it.
    idle_in_transaction_session_timeout: 60_000,
    // Finds connections that died silently (a dropped NAT entry) before a query hangs on one.
    keepAlive: true,
    ...(options.applicationName === undefined ? {} : { application_name: options.applicationName }),
  });
  const logConnectionError = (error: Error): void => {
    logger.warn({ err: error }, 'postgres connection failed outside a query; it will be replaced');
  };
  // pg emits an error with no listener (and so kills the process) when a connection breaks
  // while a caller holds it between queries; the caller still sees the error on its next query.
  pool.on('connect', (client) => {
    client.on('error', logConnectionError);
  });
  // Idle connections report through the pool as well; the listener above already logged them,
  // but the pool needs a listener of its own or it rethrows.
  pool.on('error', () => undefined);
  return pool;
}

const consoleLogger: Pick<BaseLogger, 'warn'> = {
  warn: (bindings: unknown, message?: string) => {
    console.warn(message, bindings);
  },
};

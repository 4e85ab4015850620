import type { Pool, QueryConfig } from 'pg';
import type { ReadinessCheck } from '../health/readiness-check.ts';

/** Options of {@link pgReadinessCheck}. */
export interface PgReadinessCheckOptions {
  /** Shown in the readiness report; default `postgres`. */
  readonly name?: string;
  /** Longest a check may take, whatever the caller's signal says; default 2 s. */
  readonly timeoutMs?: number;
}

/**
 * Ready when the pool can run `select 1`. It fails fast when Postgres refuses connections and
 * gives up at `timeoutMs` (or when the probe's signal aborts) when Postgres does not answer at
 * all, so a partitioned database makes `/readyz` fail rather than hang.
 */
export function pgReadinessCheck(
  pool: Pool,
  options: PgReadinessCheckOptions = {},
): ReadinessCheck {
  const timeoutMs = options.timeoutMs ?? 2_000;
  return {
    name: options.name ?? 'postgres',
    async check(signal) {
      signal.throwIfAborted();
      // A client-side timeout makes pg destroy the connection a hung probe used, so probes
      // repeated every few seconds cannot pile up on dead connections and drain the pool.
      const query: QueryConfig & { query_timeout: number } = {
        text: 'select 1',
        query_timeout: timeoutMs,
      };
      await untilAborted(
        pool.query(query),
        AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      );
    },
  };
}

/** Settles with `work`, or rejects as soon as `signal` aborts; `work` then settles unobserved. */
async function untilAborted(work: Promise<unknown>, signal: AbortSignal): Promise<void> {
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => {
      reject(new Error('postgres did not answer in time', { cause: signal.reason }));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  work.catch(() => undefined);
  try {
    await Promise.race([work, aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

import { Counter, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

/**
 * The access layer's Prometheus metrics. Labels are bounded: operation names, base ids (a
 * tenant has a handful), statuses and reasons. Never tokens, table names or record ids.
 */
export interface AccessMetrics {
  /** Each attempt sent to Airtable, by its outcome (`200`, `422`, `429`, `network`, `timeout`). */
  readonly requests: Counter<'base' | 'operation' | 'status'>;
  readonly duration: Histogram<'operation'>;
  /** 429 answers received: the limiter should keep this at zero. */
  readonly rateLimited: Counter<'base'>;
  readonly retries: Counter<'operation' | 'reason'>;
  readonly cache: Counter<'kind' | 'result'>;
  /** Time requests spent waiting for the limiter (and any 429 penalty) before being sent. */
  readonly queueWait: Histogram;
  /** Records per coalesced write request. */
  readonly batchSize: Histogram<'operation'>;
}

/**
 * Registers the metrics on `registry`, or reuses them when another access instance (one per
 * Airtable token) already did: prom-client refuses to register a name twice.
 */
export function createAccessMetrics(registry: Registry): AccessMetrics {
  const counter = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
  ): Counter<L> =>
    reuse(registry, name, Counter) ??
    new Counter<L>({ name, help, labelNames, registers: [registry] });
  const histogram = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    buckets: number[],
  ): Histogram<L> =>
    reuse(registry, name, Histogram) ??
    new Histogram<L>({ name, help, labelNames, buckets, registers: [registry] });

  return {
    requests: counter('airtable_requests_total', 'Requests sent to Airtable, by outcome.', [
      'base',
      'operation',
      'status',
    ]),
    duration: histogram(
      'airtable_request_duration_seconds',
      'Time Airtable took to answer one request.',
      ['operation'],
      [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    ),
    rateLimited: counter('airtable_rate_limited_total', '429 answers received from Airtable.', [
      'base',
    ]),
    retries: counter('airtable_retries_total', 'Requests sent again, by reason.', [
      'operation',
      'reason',
    ]),
    cache: counter('airtable_cache_requests_total', 'Cached reads, by hit or miss.', [
      'kind',
      'result',
    ]),
    queueWait: histogram(
      'airtable_queue_wait_seconds',
      'Time a request waited for the rate limiter before it was sent.',
      [],
      [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    ),
    batchSize: histogram(
      'airtable_batch_size',
      'Records per coalesced Airtable write.',
      ['operation'],
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    ),
  };
}

function reuse<M>(
  registry: Registry,
  name: string,
  kind: abstract new (...args: never[]) => M,
): M | undefined {
  const existing = registry.getSingleMetric(name);
  if (existing === undefined) return undefined;
  if (!(existing instanceof kind)) {
    throw new TypeError(`metric ${name} is already registered with another type`);
  }
  return existing;
}

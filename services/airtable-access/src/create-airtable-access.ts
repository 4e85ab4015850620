import { createCircuitBreaker } from '@pyairtable/kit';
import { Registry } from 'prom-client';
import { resolveAccessOptions } from './access-options.ts';
import type { AirtableAccessOptions } from './access-options.ts';
import { createReadCache } from './cache/read-cache.ts';
import { systemClock } from './clock.ts';
import { createRequestExecutor } from './execution/request-executor.ts';
import { createRequestGate } from './limits/request-gate.ts';
import { createMetadataOperations, createSchemaFetcher } from './metadata/metadata-operations.ts';
import type { MetadataOperations } from './metadata/metadata-operations.ts';
import { createAccessMetrics } from './metrics/access-metrics.ts';
import { createRecordComments } from './records/record-comments.ts';
import type { RecordComments } from './records/record-comments.ts';
import { createRecordReads } from './records/record-reads.ts';
import type { RecordReads } from './records/record-reads.ts';
import { createRecordWrites } from './records/record-writes.ts';
import type { RecordWrites } from './records/record-writes.ts';
import { tokenFingerprint } from './store-keys.ts';
import { createClientTransport } from './transport/client-transport.ts';
import { createHttpTransport } from './transport/http-transport.ts';

/** Everything the platform does with Airtable, for one token. */
export type AirtableAccess = RecordReads &
  RecordWrites &
  RecordComments &
  MetadataOperations &
  CacheControl;

/** Explicit invalidation, for changes made in Airtable behind the platform's back. */
export interface CacheControl {
  /**
   * Drops the base's cached schema and the cached reads of `tables` (ids or names), in every
   * replica sharing the store; the next reads go to Airtable.
   */
  invalidateCache(baseId: string, tables?: readonly string[]): Promise<void>;
}

/**
 * The access layer for one Airtable token (the mcp service makes one per tenant token and
 * they share the store, so limits hold across tokens, tenants and replicas). Every request
 * waits for its turn in the distributed limiter (5/s per base, 50/s per token), 429s pause
 * the base for every replica, retries cover 429/502/503 and network failures only, reads are
 * cached with single-flight and invalidated by writes, and concurrent writes to one table
 * are coalesced into requests of 10 records.
 */
export function createAirtableAccess(options: AirtableAccessOptions): AirtableAccess {
  const settings = resolveAccessOptions(options);
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const metrics = createAccessMetrics(options.registry ?? new Registry());
  const token = tokenFingerprint(options.token);
  const transportOptions = {
    endpointUrl: settings.endpointUrl,
    token: options.token,
    timeoutMs: settings.requestTimeoutMs,
  };
  const http = createHttpTransport(transportOptions);
  const client = createClientTransport(transportOptions);
  const executor = createRequestExecutor({
    gate: createRequestGate({ store, clock, token, limits: settings.limits }),
    breaker: createCircuitBreaker(settings.breaker, () => clock.now()),
    clock,
    metrics,
    random: options.random ?? Math.random,
    retry: settings.retry,
    penaltyMs: settings.limits.penaltyMs,
    logger: options.logger,
  });
  const cache = createReadCache({
    store,
    metrics,
    token,
    ttls: settings.cache,
    fetchSchema: createSchemaFetcher({ executor, http }),
  });

  return {
    ...createRecordReads({ executor, http, cache }),
    ...createRecordWrites({
      executor,
      http,
      client,
      cache,
      clock,
      metrics,
      windowMs: settings.windowMs,
      logger: options.logger,
    }),
    ...createRecordComments({ executor, http }),
    ...createMetadataOperations({ executor, http, cache }),
    async invalidateCache(baseId, tables = []) {
      for (const table of tables) await cache.tableChanged(baseId, table);
      await cache.schemaChanged(baseId);
    },
  };
}

import { randomBytes } from 'node:crypto';
import type { JsonValue, SharedStore } from '@pyairtable/kit';
import type { BaseSchema } from '../airtable-types.ts';
import { airtableErrorDetails } from '../errors/airtable-errors.ts';
import type { AccessMetrics } from '../metrics/access-metrics.ts';
import { queryDigest, storeKeys } from '../store-keys.ts';

/** How long cached reads live. */
export interface CacheTtls {
  readonly schemaTtlMs: number;
  readonly recordsTtlMs: number;
}

/** What the cache counts reads as, in `airtable_cache_requests_total{kind}`. */
export type CacheKind = 'records' | 'record' | 'schema' | 'bases';

/**
 * Reads cached in the shared store, single-flight on a miss, and invalidated by writes.
 *
 * Invalidation works through generations: each table (and each base's schema) has a
 * generation key in the store that is part of its cache keys. A write sets a new random
 * generation, so every replica's next read builds a new key and misses; old entries are
 * never read again and expire. No pub/sub is needed (a message lost while Redis reconnects
 * would leave a stale cache; a generation cannot be missed), and a write to one table leaves
 * every other table's entries alone.
 *
 * Keys hold a fingerprint of the token: a token that may not see a base must not be served
 * another token's cached copy of it.
 */
export interface ReadCache {
  /** A read of one table (a list page, a record), cached under the table's generation. */
  tableRead<T extends JsonValue>(
    kind: 'records' | 'record',
    baseId: string,
    table: string,
    query: JsonValue,
    load: () => Promise<T>,
  ): Promise<T>;
  /** The base's schema, cached under the base's schema generation. */
  schema(baseId: string): Promise<BaseSchema>;
  /** A page of the token's bases. */
  bases<T extends JsonValue>(query: JsonValue, load: () => Promise<T>): Promise<T>;
  /** After a write to `table`: its cached reads are gone for every replica. */
  tableChanged(baseId: string, table: string): Promise<void>;
  /** After a schema change: the base's cached schema is gone (and the table's reads, if given). */
  schemaChanged(baseId: string, table?: string): Promise<void>;
}

const INITIAL_GENERATION = '0';
const UNRESOLVED_NAMES_TTL_MS = 10_000;
const TABLE_ID = /^tbl[A-Za-z0-9]+$/;

/** Builds the cache; `fetchSchema` loads a base's schema from Airtable on a miss. */
export function createReadCache(options: {
  readonly store: SharedStore;
  readonly metrics: AccessMetrics;
  /** Fingerprint of the token. */
  readonly token: string;
  readonly ttls: CacheTtls;
  readonly fetchSchema: (baseId: string) => Promise<BaseSchema>;
}): ReadCache {
  const { store, metrics, token, ttls, fetchSchema } = options;
  // A generation must outlive every entry cached while it was absent (under the initial
  // generation); otherwise its expiry would bring those stale entries back.
  const generationTtlMs = 2 * Math.max(ttls.schemaTtlMs, ttls.recordsTtlMs);

  async function cached<T extends JsonValue>(
    kind: CacheKind,
    key: string,
    ttlMs: number,
    load: () => Promise<T>,
  ): Promise<T> {
    const outcome = { missed: false };
    try {
      return await store.getOrLoad(key, ttlMs, () => {
        outcome.missed = true;
        return load();
      });
    } finally {
      // A caller whose loader did not run was served from the cache or a shared load.
      metrics.cache.inc({ kind, result: outcome.missed ? 'miss' : 'hit' });
    }
  }

  async function generation(key: string): Promise<string> {
    const value = await store.get(key);
    return typeof value === 'string' ? value : INITIAL_GENERATION;
  }

  async function renew(key: string): Promise<void> {
    await store.set(key, randomBytes(9).toString('base64url'), generationTtlMs);
  }

  async function schema(baseId: string): Promise<BaseSchema> {
    const schemaGeneration = await generation(storeKeys.schemaGeneration(baseId));
    return cached(
      'schema',
      storeKeys.schema(baseId, schemaGeneration, token),
      ttls.schemaTtlMs,
      () => fetchSchema(baseId),
    );
  }

  /**
   * The key a table's reads and writes share. Callers may name a table by id or by name;
   * both must land on one generation, or a write by name would leave reads by id stale. Names
   * are resolved to ids through the (cached) schema; when the token may not read the schema,
   * the name itself is the key.
   */
  async function tableKey(baseId: string, table: string): Promise<string> {
    if (TABLE_ID.test(table)) return table;
    const schemaGeneration = await generation(storeKeys.schemaGeneration(baseId));
    const indexKey = storeKeys.tableIndex(baseId, schemaGeneration, token);
    try {
      const index = await store.getOrLoad(
        indexKey,
        ttls.schemaTtlMs,
        async (): Promise<Record<string, string>> => {
          try {
            const loaded = await schema(baseId);
            return Object.fromEntries(loaded.tables.map((entry) => [entry.name, entry.id]));
          } catch (error) {
            // No schema scope, or no such base: remember that, instead of asking every time.
            const status = airtableErrorDetails(error)?.status;
            if (status === 403 || status === 404) return {};
            throw error;
          }
        },
      );
      return index[table] ?? table;
    } catch {
      // A transient failure must not fail the read itself: the name stands for itself a
      // short while, rather than every read by name asking Airtable for the schema again.
      await store.set(indexKey, {}, Math.min(ttls.schemaTtlMs, UNRESOLVED_NAMES_TTL_MS));
      return table;
    }
  }

  async function tableChanged(baseId: string, table: string): Promise<void> {
    await renew(storeKeys.tableGeneration(baseId, await tableKey(baseId, table)));
  }

  return {
    async tableRead(kind, baseId, table, query, load) {
      const key = await tableKey(baseId, table);
      const tableGeneration = await generation(storeKeys.tableGeneration(baseId, key));
      const digest = queryDigest({ kind, query });
      return cached(
        kind,
        storeKeys.records(baseId, key, tableGeneration, token, digest),
        ttls.recordsTtlMs,
        load,
      );
    },

    schema,

    bases: (query, load) =>
      cached('bases', storeKeys.bases(token, queryDigest(query)), ttls.schemaTtlMs, load),

    tableChanged,

    async schemaChanged(baseId, table) {
      // The table's key is resolved before the schema generation moves on, while the name
      // still maps to the id it had.
      if (table !== undefined) await tableChanged(baseId, table);
      await renew(storeKeys.schemaGeneration(baseId));
    },
  };
}

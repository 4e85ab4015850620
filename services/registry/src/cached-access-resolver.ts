import { createHash } from 'node:crypto';
import type { SharedStore, Unsubscribe } from '@pyairtable/kit';
import { onRegistryChange } from './registry-changes.ts';
import { listenForRegistryChanges } from './registry-notifications.ts';
import type { StopListening } from './registry-notifications.ts';
import type { AccessResult, WorkspaceAccessResolver } from './workspace-access.ts';

/** Options of {@link createCachedAccessResolver}. */
export interface CachedAccessOptions {
  readonly resolver: WorkspaceAccessResolver;
  /** Where registry writes are announced on the shared store. */
  readonly store?: SharedStore | undefined;
  /** The registry's database: announcements through Postgres NOTIFY reach every process. */
  readonly databaseUrl?: string | undefined;
  /** Where a lost announcement connection is reported. */
  readonly onError?: (error: unknown) => void;
  /** How long an answer is reused; default 30 s, the longest a missed announcement lasts. */
  readonly ttlMs?: number;
  /** Most answers kept; the oldest go first. Default 10,000. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/** A resolver that remembers answers until a registry write or its TTL. */
export interface CachedAccessResolver extends WorkspaceAccessResolver {
  /** Subscribes to registry changes; call once before serving. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Every MCP call and chat turn resolves its caller; asking Postgres each time would put the
 * registry on the hot path. Any announced change empties the cache: writes are rare, and a
 * precise invalidation would have to know which users a member or key change touches.
 */
export function createCachedAccessResolver(options: CachedAccessOptions): CachedAccessResolver {
  const ttlMs = options.ttlMs ?? 30_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<
    string,
    { readonly expiresAt: number; readonly result: Promise<AccessResult> }
  >();
  let unsubscribe: Unsubscribe | undefined;
  let stopListening: StopListening | undefined;

  const cached = (key: string, load: () => Promise<AccessResult>): Promise<AccessResult> => {
    const hit = entries.get(key);
    if (hit !== undefined && hit.expiresAt > now()) return hit.result;
    entries.delete(key);
    const result = load();
    entries.set(key, { expiresAt: now() + ttlMs, result });
    // A failed lookup (database down) must not be remembered.
    result.catch(() => entries.delete(key));
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
    return result;
  };

  return {
    forUser: (userId, workspaceId) =>
      cached(`user:${userId}:${workspaceId}`, () => options.resolver.forUser(userId, workspaceId)),
    forApiKey: (secret) =>
      cached(`key:${createHash('sha256').update(secret).digest('hex')}`, () =>
        options.resolver.forApiKey(secret),
      ),
    async start() {
      if (options.store !== undefined && unsubscribe === undefined) {
        unsubscribe = await onRegistryChange(options.store, () => {
          entries.clear();
        });
      }
      if (options.databaseUrl !== undefined && stopListening === undefined) {
        stopListening = await listenForRegistryChanges(
          options.databaseUrl,
          () => {
            entries.clear();
          },
          options.onError,
        );
      }
    },
    async close() {
      entries.clear();
      await unsubscribe?.();
      await stopListening?.();
      unsubscribe = undefined;
      stopListening = undefined;
    },
  };
}

import { Client } from 'pg';
import type { Queryable } from './queryable.ts';
import type { RegistryChange } from './registry-changes.ts';

/** The Postgres channel registry writes are announced on. */
export const REGISTRY_NOTIFY_CHANNEL = 'registry_changes';

/**
 * Announces a change through Postgres itself: every service shares the registry's database,
 * so this reaches every process even without Redis (`npm start` runs one process per service,
 * each with its own in-process store). Delivered only once the write's transaction commits.
 */
export async function notifyRegistryChange(db: Queryable, change: RegistryChange): Promise<void> {
  await db.query('select pg_notify($1, $2)', [
    REGISTRY_NOTIFY_CHANNEL,
    JSON.stringify({ kind: change.kind, id: change.id }),
  ]);
}

/** Stops listening. */
export type StopListening = () => Promise<void>;

/**
 * Calls `handler` for every change announced through Postgres, on a connection of its own
 * (LISTEN cannot share a pooled one). `undefined` means "something may have changed": sent
 * after a lost connection is reopened (with backoff), since announcements made meanwhile are
 * lost, so the caller drops everything it cached.
 */
export async function listenForRegistryChanges(
  databaseUrl: string,
  handler: (change: RegistryChange | undefined) => void,
  onError: (error: unknown) => void = () => undefined,
): Promise<StopListening> {
  let stopped = false;
  let client: Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let delayMs = 500;

  const connect = async (): Promise<void> => {
    const next = new Client({
      connectionString: databaseUrl,
      application_name: 'registry-listener',
    });
    next.on('notification', (message) => {
      handler(parseChange(message.payload));
    });
    next.on('error', (error) => {
      onError(error);
      scheduleReconnect();
    });
    await next.connect();
    await next.query(`listen ${REGISTRY_NOTIFY_CHANNEL}`);
    client = next;
    delayMs = 500;
  };

  const scheduleReconnect = (): void => {
    const broken = client;
    client = undefined;
    void broken?.end().catch(() => undefined);
    if (stopped || retryTimer !== undefined) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect()
        .then(() => {
          // Changes announced while disconnected are lost: tell the caller to forget everything.
          handler(undefined);
        })
        .catch((error: unknown) => {
          onError(error);
          delayMs = Math.min(delayMs * 2, 30_000);
          scheduleReconnect();
        });
    }, delayMs);
    retryTimer.unref();
  };

  await connect();
  return async () => {
    stopped = true;
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    await client?.end().catch(() => undefined);
  };
}

function parseChange(payload: string | undefined): RegistryChange | undefined {
  if (payload === undefined) return undefined;
  try {
    const parsed = JSON.parse(payload) as { kind?: unknown; id?: unknown };
    if (typeof parsed.kind === 'string' && typeof parsed.id === 'string') {
      return { kind: parsed.kind as RegistryChange['kind'], id: parsed.id };
    }
  } catch {
    // A payload someone else sent on our channel: treat it as "something changed".
  }
  return undefined;
}

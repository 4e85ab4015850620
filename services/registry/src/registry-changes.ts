import type { SharedStore, Unsubscribe } from '@pyairtable/kit';

/** The channel every registry write is announced on, in every replica. */
export const REGISTRY_CHANGES_CHANNEL = 'registry.changes';

/** What changed; readers that cache registry data drop what the change touches. */
export interface RegistryChange {
  readonly kind: 'tenant' | 'credential' | 'workspace' | 'member' | 'user' | 'apiKey';
  readonly id: string;
}

/** Announces a change (best effort: readers also expire their caches on a timer). */
export async function publishRegistryChange(
  store: SharedStore,
  change: RegistryChange,
): Promise<void> {
  await store.publish(REGISTRY_CHANGES_CHANNEL, { kind: change.kind, id: change.id });
}

/** Calls `handler` for every change announced from now on. */
export function onRegistryChange(
  store: SharedStore,
  handler: (change: RegistryChange) => void | Promise<void>,
): Promise<Unsubscribe> {
  return store.subscribe(REGISTRY_CHANGES_CHANNEL, (message) => {
    if (typeof message !== 'object' || message === null || !('kind' in message)) return;
    const { kind, id } = message as { readonly kind?: unknown; readonly id?: unknown };
    if (typeof kind === 'string' && typeof id === 'string') {
      return handler({ kind: kind as RegistryChange['kind'], id });
    }
    return undefined;
  });
}

import type { Redis } from 'ioredis';
import { deliverMessage } from './deliver-message.ts';
import type { MessageHandler, StoreErrorReporter, Unsubscribe } from './shared-store.ts';

/** The subscriber side of a Redis store: one connection, many channels, many handlers each. */
export interface RedisSubscriptions {
  /** Resolves once Redis confirmed the subscription, so no later publish is missed. */
  add(channel: string, handler: MessageHandler): Promise<Unsubscribe>;
  /** Why subscriptions cannot currently receive messages, if they cannot. */
  problem(): string | undefined;
  /** The connection, if one was ever opened, for the store to close. */
  connection(): Redis | undefined;
}

interface Channel {
  readonly handlers: Set<MessageHandler>;
  readonly subscribed: Promise<unknown>;
}

/**
 * A connection in subscribe mode can run nothing else, hence its own connection, opened by
 * `connect` on the first subscription so services that never subscribe never hold one.
 * ioredis re-subscribes by itself after a reconnect.
 */
export function createRedisSubscriptions(
  connect: () => Redis,
  reportError: StoreErrorReporter,
): RedisSubscriptions {
  let subscriber: Redis | undefined;
  const channels = new Map<string, Channel>();

  function open(): Redis {
    if (subscriber !== undefined) return subscriber;
    const opened = connect();
    opened.on('message', (channel: string, encoded: string) => {
      // Copy first: a handler may unsubscribe itself while others still wait their turn.
      for (const handler of [...(channels.get(channel)?.handlers ?? [])]) {
        void deliverMessage(handler, encoded, reportError);
      }
    });
    subscriber = opened;
    return opened;
  }

  return {
    async add(channel, handler) {
      const connection = open();
      let entry = channels.get(channel);
      if (entry === undefined) {
        entry = { handlers: new Set(), subscribed: connection.subscribe(channel) };
        channels.set(channel, entry);
      }
      const joined = entry;
      joined.handlers.add(handler);
      try {
        await joined.subscribed;
      } catch (error: unknown) {
        // Forget the failed SUBSCRIBE so the next caller tries again instead of sharing it.
        joined.handlers.delete(handler);
        if (channels.get(channel) === joined) channels.delete(channel);
        throw error;
      }
      let active = true;
      return async () => {
        if (!active) return;
        active = false;
        joined.handlers.delete(handler);
        if (joined.handlers.size > 0 || channels.get(channel) !== joined) return;
        channels.delete(channel);
        // After close the connection is gone and with it every subscription.
        if (connection.status !== 'end') await connection.unsubscribe(channel);
      };
    },

    problem() {
      if (subscriber === undefined || channels.size === 0 || subscriber.status === 'ready') {
        return undefined;
      }
      return `the redis subscriber connection is ${subscriber.status}: invalidations are lost`;
    },

    connection: () => subscriber,
  };
}

import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';

/**
 * A TCP relay in front of Postgres that a test can cut and restore, so "the database went
 * away" plays out the same against an external server (which a test cannot stop) and an
 * embedded one.
 */
export interface TcpProxy {
  readonly port: number;
  /** Refuses new connections and cuts open ones, as when Postgres goes down. */
  close(): Promise<void>;
  /** Accepts new connections but never answers, as when the network drops packets. */
  stall(): void;
  /** Relays again, on the same port. */
  open(): Promise<void>;
  /** Closes for good. */
  destroy(): Promise<void>;
}

/** Starts relaying 127.0.0.1:<free port> to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let stalled = false;
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const relay = (incoming: Socket): void => {
    track(incoming);
    if (stalled) return;
    const outgoing = connect(target.port, target.host);
    track(outgoing);
    incoming.pipe(outgoing).pipe(incoming);
    incoming.on('close', () => outgoing.destroy());
    outgoing.on('close', () => incoming.destroy());
  };
  const cutAll = (): void => {
    for (const socket of sockets) socket.destroy();
  };

  let server: Server | undefined;
  const listen = async (port: number): Promise<number> => {
    const listening = createServer(relay);
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(port, '127.0.0.1', resolve);
    });
    server = listening;
    const address = listening.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    return address.port;
  };
  const close = async (): Promise<void> => {
    const closing = server;
    server = undefined;
    cutAll();
    if (closing)
      await new Promise<void>((resolve) =>
        closing.close(() => {
          resolve();
        }),
      );
  };

  const port = await listen(0);
  return {
    port,
    close,
    stall() {
      stalled = true;
      cutAll();
    },
    async open() {
      // Connections accepted while stalled were never relayed; cut them rather than leave them hanging.
      if (stalled) cutAll();
      stalled = false;
      if (!server) await listen(port);
    },
    destroy: close,
  };
}

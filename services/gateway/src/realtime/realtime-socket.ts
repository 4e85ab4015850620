/**
 * The part of a `ws` WebSocket the gateway uses. `ws` ships no type declarations (and
 * `@types/ws` is not a dependency), so `@fastify/websocket` hands the socket over as `any`;
 * naming the surface here keeps `any` from spreading into the realtime code.
 */
export interface RealtimeSocket {
  readonly readyState: number;
  send(data: string): void;
  ping(): void;
  close(code?: number, reason?: string): void;
  /** Drops the connection without the closing handshake (a peer that stopped answering). */
  terminate(): void;
  on(
    event: 'message',
    listener: (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => void,
  ): unknown;
  on(event: 'pong', listener: () => void): unknown;
  on(event: 'close', listener: (code: number, reason: Buffer) => void): unknown;
}

/** `readyState` of an open socket (the WebSocket standard's `OPEN`). */
export const SOCKET_OPEN = 1;

/** The text of a message as `ws` delivers it (one buffer, fragments, or an ArrayBuffer). */
export function messageText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import type { ServerFrame } from '../../src/realtime/server-frames.ts';

/** A `/ws` client for tests: every frame received, and ways to wait for more. */
export interface FrameSocket {
  /** Every frame received so far, oldest first. */
  readonly frames: ServerFrame[];
  send(message: unknown): void;
  /** Sends text or bytes exactly as given. */
  sendRaw(data: string | Uint8Array): void;
  /** Resolves with all frames once `enough` holds for them; rejects after `timeoutMs`. */
  until(enough: (frames: ServerFrame[]) => boolean, timeoutMs?: number): Promise<ServerFrame[]>;
  /** Resolves when the connection has closed, with the close code and reason. */
  readonly closed: Promise<{ readonly code: number; readonly reason: string }>;
  close(): void;
}

/** Options of {@link openFrameSocket}. */
export interface FrameSocketOptions {
  /** Sent as `Authorization: Bearer` (Node's WebSocket can set headers; browsers cannot). */
  readonly token?: string;
}

/**
 * Opens a WebSocket with Node's built-in client and collects its frames. Rejects when the
 * server refuses the upgrade.
 */
export function openFrameSocket(
  url: string,
  options: FrameSocketOptions = {},
): Promise<FrameSocket> {
  const socket = new WebSocket(
    url,
    options.token === undefined ? {} : { headers: { authorization: `Bearer ${options.token}` } },
  );
  const frames: ServerFrame[] = [];
  const waiters = new Set<() => void>();
  socket.addEventListener('message', (event) => {
    const data: unknown = event.data;
    frames.push(JSON.parse(String(data)) as ServerFrame);
    for (const wake of waiters) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.addEventListener('close', (event) => {
      resolve({ code: event.code, reason: event.reason });
      for (const wake of waiters) wake();
    });
  });
  const client: FrameSocket = {
    frames,
    closed,
    send: (message) => {
      socket.send(JSON.stringify(message));
    },
    sendRaw: (data) => {
      socket.send(data);
    },
    until(enough, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (enough(frames)) {
            done();
            resolve(frames);
          } else if (socket.readyState === WebSocket.CLOSED) {
            done();
            reject(new Error(`closed before enough frames: ${JSON.stringify(frames)}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting; frames so far: ${JSON.stringify(frames)}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => {
      socket.close();
    },
  };
  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => {
      resolve(client);
    });
    socket.addEventListener('error', () => {
      reject(new Error(`the WebSocket to ${url} was refused`));
    });
  });
}

/** How the server answered an upgrade request. */
export type UpgradeAnswer =
  | { readonly upgraded: true; readonly socket: Socket }
  | {
      readonly upgraded: false;
      readonly status: number;
      readonly contentType: string | undefined;
      readonly body: string;
    };

/**
 * Sends a WebSocket upgrade request by hand, to see the HTTP answer of a refused one (Node's
 * WebSocket only says that it failed). An accepted socket is returned raw and never answers
 * pings, as a client that vanished would.
 */
export function requestUpgrade(
  url: string,
  headers: Record<string, string> = {},
): Promise<UpgradeAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url.replace(/^ws/, 'http'), {
      // The server drops a refused upgrade's connection: a kept-alive one would be reused dead.
      agent: false,
      headers: {
        ...headers,
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
      },
    });
    request.on('upgrade', (_response, socket) => {
      resolve({ upgraded: true, socket });
    });
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => {
        resolve({
          upgraded: false,
          status: response.statusCode ?? 0,
          contentType: response.headers['content-type'],
          body,
        });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

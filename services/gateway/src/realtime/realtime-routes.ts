import fastifyWebsocket from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import type { ServiceApp } from '@pyairtable/kit';
import type { GatewayConfig } from '../config.ts';
import { createChatUpstream } from './chat-upstream.ts';
import { serveConnection } from './realtime-connection.ts';
import type { RealtimeSocket } from './realtime-socket.ts';
import { CloseCodes } from './server-frames.ts';
import { startHeartbeat } from './socket-heartbeat.ts';
import { authenticateSocket } from './socket-authentication.ts';
import type { SocketAuthenticationOptions, SocketCaller } from './socket-authentication.ts';
import { websocketConnectionsGauge } from './websocket-metrics.ts';

/** Options of {@link realtimeRoutes}: the gateway context is enough; the rest is for tests. */
export interface RealtimeOptions extends SocketAuthenticationOptions {
  readonly config: Pick<GatewayConfig, 'CHAT_URL' | 'UPSTREAM_TIMEOUT_MS'>;
  /** How often each socket is pinged; one without a pong by the next ping is dropped. 30 s. */
  readonly pingIntervalMs?: number;
  /** Answers one connection may follow at once. 4. */
  readonly maxStreamsPerConnection?: number;
  /** The clock tokens expire by (ms since the epoch). */
  readonly now?: () => number;
}

// A question is at most 20,000 characters; JSON escaping and UTF-8 can triple that.
const MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * `GET /ws`: chat over a WebSocket for clients of the replaced system's event schema (see
 * README.md in this folder for the frames). The upgrade is authenticated before it completes;
 * each connection then speaks to chat's API with the caller's token, as the SSE routes do.
 * Registered encapsulated: the WebSocket plugin's hooks apply to this route only.
 */
export async function realtimeRoutes(app: ServiceApp, options: RealtimeOptions): Promise<void> {
  await app.register(fastifyWebsocket, { options: { maxPayload: MAX_MESSAGE_BYTES } });
  const connections = websocketConnectionsGauge(app.metrics);
  const chat = createChatUpstream({
    baseUrl: options.config.CHAT_URL,
    timeoutMs: options.config.UPSTREAM_TIMEOUT_MS,
  });
  const pingIntervalMs = options.pingIntervalMs ?? 30_000;
  const callers = new WeakMap<FastifyRequest, SocketCaller>();

  app.get(
    '/ws',
    {
      websocket: true,
      preHandler: async (request) => {
        callers.set(request, await authenticateSocket(request, options));
      },
    },
    (socket: RealtimeSocket, request) => {
      const caller = callers.get(request);
      if (caller === undefined) {
        // Unreachable while the preHandler runs before every upgrade; closing beats serving.
        socket.close(CloseCodes.unauthenticated, 'Not authenticated.');
        return;
      }
      connections.inc();
      const stopHeartbeat = startHeartbeat(socket, pingIntervalMs);
      const goAway = (): void => {
        socket.close(CloseCodes.goingAway, 'The gateway is restarting: reconnect and resume.');
      };
      if (app.shutdownSignal.aborted) goAway();
      else app.shutdownSignal.addEventListener('abort', goAway, { once: true });
      socket.on('close', () => {
        app.shutdownSignal.removeEventListener('abort', goAway);
        stopHeartbeat();
        connections.dec();
      });
      serveConnection({
        socket,
        caller,
        chat,
        requestId: request.id,
        clientIp: request.ip,
        log: request.log,
        now: options.now ?? Date.now,
        maxStreams: options.maxStreamsPerConnection ?? 4,
      });
    },
  );
}

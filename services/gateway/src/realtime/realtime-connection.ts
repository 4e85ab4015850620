import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '@pyairtable/kit';
import { relayAnswer } from './answer-relay.ts';
import { parseClientMessage } from './client-messages.ts';
import type {
  ChatCancelRequest,
  ChatMessageRequest,
  ChatResumeRequest,
  ClientMessage,
} from './client-messages.ts';
import { ChatCallError } from './chat-upstream.ts';
import type { ChatCall, ChatUpstream } from './chat-upstream.ts';
import { messageText, SOCKET_OPEN } from './realtime-socket.ts';
import type { RealtimeSocket } from './realtime-socket.ts';
import { CloseCodes } from './server-frames.ts';
import type { ChatErrorFrame, ServerFrame } from './server-frames.ts';
import type { SocketCaller } from './socket-authentication.ts';

/** What one connection works with. */
export interface ConnectionOptions {
  readonly socket: RealtimeSocket;
  readonly caller: SocketCaller;
  readonly chat: ChatUpstream;
  /** The upgrade request's id; each chat request gets it with a counter. */
  readonly requestId: string;
  readonly clientIp: string;
  readonly log: FastifyBaseLogger;
  readonly now: () => number;
  /** Answers one connection may follow at once. */
  readonly maxStreams: number;
}

/** Where a chat request's failure is reported. */
type About = Pick<ChatErrorFrame, 'requestId' | 'sessionId' | 'messageId'>;

/**
 * Serves one authenticated `/ws` connection: validates each client message, runs it against
 * chat's API with the caller's token and relays the answer's stream as frames. Each answer
 * followed has its own upstream request, aborted when the socket closes; chat goes on writing
 * the answer, and the client picks it up with `chat.resume`. Nothing a client sends or chat
 * answers can throw out of here: failures become `error` or `chat.error` frames.
 */
export function serveConnection(options: ConnectionOptions): void {
  const { socket, caller, chat, log } = options;
  // Every chat request in flight, aborted together when the socket goes.
  const inFlight = new Set<AbortController>();
  // The stream relaying each answer, so a resume on the same socket replaces it, not doubles it.
  const relaying = new Map<string, AbortController>();
  let streams = 0;
  let calls = 0;

  const send = (frame: ServerFrame): void => {
    if (socket.readyState === SOCKET_OPEN) socket.send(JSON.stringify(frame));
  };

  function track(work: (call: ChatCall, controller: AbortController) => Promise<void>): void {
    const controller = new AbortController();
    inFlight.add(controller);
    calls += 1;
    const call: ChatCall = {
      token: caller.token,
      requestId: `${options.requestId}-${String(calls)}`,
      clientIp: options.clientIp,
      signal: controller.signal,
    };
    void work(call, controller)
      .catch((error: unknown) => {
        log.error({ err: error }, 'websocket chat request failed unexpectedly');
      })
      .finally(() => inFlight.delete(controller));
  }

  function report(error: unknown, signal: AbortSignal, about: About): void {
    // Aborted: the socket closed, or a resume took this answer over. Nobody is waiting.
    if (signal.aborted) return;
    const failure =
      error instanceof ChatCallError
        ? error.failure
        : error instanceof AppError
          ? { status: error.status, code: error.code, message: error.detail }
          : undefined;
    if (failure === undefined) {
      log.error({ err: error }, 'relaying a chat answer failed');
      send({
        type: 'chat.error',
        ...about,
        status: 500,
        message: 'The gateway could not relay the answer; send chat.resume to pick it up.',
      });
      return;
    }
    if (failure.status >= 500) log.warn({ err: error }, 'chat request failed');
    send({
      type: 'chat.error',
      ...about,
      status: failure.status,
      ...(failure.code === undefined ? {} : { code: failure.code }),
      message: failure.message,
    });
  }

  function follow(
    request: ChatMessageRequest | ChatResumeRequest,
    open: (call: ChatCall, controller: AbortController) => Promise<void>,
  ): void {
    if (streams >= options.maxStreams) {
      send({
        type: 'error',
        ...requestIdOf(request),
        code: 'GW_WS_TOO_MANY_STREAMS',
        message: `A connection follows at most ${String(options.maxStreams)} answers at once.`,
      });
      return;
    }
    streams += 1;
    track(async (call, controller) => {
      try {
        await open(call, controller);
      } finally {
        streams -= 1;
      }
    });
  }

  function ask(request: ChatMessageRequest): void {
    follow(request, async (call, controller) => {
      let sessionId = request.sessionId;
      let messageId: string | undefined;
      try {
        if (sessionId === undefined) {
          // parseClientMessage lets a chat.message through only with one of the two.
          sessionId = await chat.createSession(call, request.workspaceId ?? '');
          send({ type: 'chat.session', ...requestIdOf(request), sessionId });
        }
        const events = await chat.ask(call, sessionId, request.content);
        await relayAnswer(events, {
          chat,
          call,
          identity: { sessionId, messageId: undefined, requestId: request.requestId },
          lastEventId: 0,
          send,
          onMessageId: (id) => {
            messageId = id;
            claim(id, controller);
          },
        });
      } catch (error) {
        report(error, call.signal, {
          ...requestIdOf(request),
          ...(sessionId === undefined ? {} : { sessionId }),
          ...(messageId === undefined ? {} : { messageId }),
        });
      } finally {
        if (messageId !== undefined) release(messageId, controller);
      }
    });
  }

  function resume(request: ChatResumeRequest): void {
    relaying.get(request.messageId)?.abort();
    follow(request, async (call, controller) => {
      const { sessionId, messageId } = request;
      claim(messageId, controller);
      try {
        const events = await chat.follow(call, sessionId, messageId, request.lastEventId);
        await relayAnswer(events, {
          chat,
          call,
          identity: { sessionId, messageId, requestId: request.requestId },
          lastEventId: request.lastEventId,
          send,
          onMessageId: () => undefined,
        });
      } catch (error) {
        report(error, call.signal, { ...requestIdOf(request), sessionId, messageId });
      } finally {
        release(messageId, controller);
      }
    });
  }

  function cancel(request: ChatCancelRequest): void {
    track(async (call) => {
      try {
        await chat.cancel(call, request.sessionId);
      } catch (error) {
        report(error, call.signal, { ...requestIdOf(request), sessionId: request.sessionId });
      }
    });
  }

  function claim(messageId: string, controller: AbortController): void {
    relaying.set(messageId, controller);
  }

  function release(messageId: string, controller: AbortController): void {
    if (relaying.get(messageId) === controller) relaying.delete(messageId);
  }

  function dispatch(message: ClientMessage): void {
    switch (message.type) {
      case 'ping':
        send({ type: 'pong' });
        return;
      case 'chat.message':
        ask(message);
        return;
      case 'chat.resume':
        resume(message);
        return;
      case 'chat.cancel':
        cancel(message);
        return;
    }
  }

  socket.on('message', (data, isBinary) => {
    // Tokens are checked per message, not per stream: an answer already asked for finishes,
    // but an expired token starts nothing new.
    if (options.now() >= caller.expiresAt) {
      socket.close(
        CloseCodes.unauthenticated,
        'The access token has expired: reconnect with a fresh one.',
      );
      return;
    }
    if (isBinary) {
      send({
        type: 'error',
        code: 'GW_WS_INVALID_JSON',
        message: 'Send JSON text messages, not binary ones.',
      });
      return;
    }
    const parsed = parseClientMessage(messageText(data));
    if (parsed.ok) dispatch(parsed.message);
    else send(parsed.error);
  });

  socket.on('close', () => {
    for (const controller of inFlight) controller.abort();
  });
}

function requestIdOf(request: { readonly requestId?: string }): { requestId?: string } {
  return request.requestId === undefined ? {} : { requestId: request.requestId };
}

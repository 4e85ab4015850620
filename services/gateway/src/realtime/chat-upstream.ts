import type { AppError } from '@pyairtable/kit';
import { gatewayErrors } from '../gateway-errors.ts';
import { upstreamFailure } from '../routing/upstream-failure.ts';
import { readSseEvents } from './sse-parser.ts';
import type { SseEvent } from './sse-parser.ts';

/** Why chat did not do what was asked, in the terms a `chat.error` frame carries. */
export interface ChatFailure {
  readonly status: number;
  readonly code: string | undefined;
  readonly message: string;
}

/** A chat request that failed: refused by chat, or chat could not be reached in time. */
export class ChatCallError extends Error {
  override readonly name = 'ChatCallError';
  readonly failure: ChatFailure;

  constructor(failure: ChatFailure, options?: ErrorOptions) {
    super(failure.message, options);
    this.failure = failure;
  }
}

/** Who a chat request is made for, and when to give it up. */
export interface ChatCall {
  /** The client's access token: chat checks it itself (zero trust). */
  readonly token: string;
  readonly requestId: string;
  readonly clientIp: string;
  /** Aborts the request and, for a stream, its body. */
  readonly signal: AbortSignal;
}

// What the calls below send; a narrower RequestInit, so headers merge without casts.
interface ChatRequestInit {
  readonly method?: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** Settings of {@link createChatUpstream}. */
export interface ChatUpstreamOptions {
  readonly baseUrl: string;
  /** How long chat may take to send response headers; a stream then lasts as long as it does. */
  readonly timeoutMs: number;
}

/** The parts of chat's API the WebSocket speaks for its clients. */
export interface ChatUpstream {
  /** Opens a session in the workspace; resolves with its id. */
  createSession(call: ChatCall, workspaceId: string): Promise<string>;
  /** Asks a question; resolves, once chat accepted it, with the answer's event stream. */
  ask(call: ChatCall, sessionId: string, content: string): Promise<AsyncIterable<SseEvent>>;
  /** An answer's events after `lastEventId` (all with 0), then live ones until it ends. */
  follow(
    call: ChatCall,
    sessionId: string,
    messageId: string,
    lastEventId: number,
  ): Promise<AsyncIterable<SseEvent>>;
  /** A stored message as chat's API returns it. */
  message(call: ChatCall, sessionId: string, messageId: string): Promise<unknown>;
  /** Stops the answer the session is writing, if any. */
  cancel(call: ChatCall, sessionId: string): Promise<void>;
}

/**
 * chat's API over fetch, with the caller's token. Every failure becomes a {@link ChatCallError}
 * (chat's own problem passed on, or 502/503/504 when chat is down or slow), except an abort
 * through `call.signal`, which is rethrown as is: the caller asked for it.
 */
export function createChatUpstream(options: ChatUpstreamOptions): ChatUpstream {
  const base = options.baseUrl.replace(/\/$/, '');
  const session = (id: string): string => `${base}/api/chat/sessions/${encodeURIComponent(id)}`;

  async function send(call: ChatCall, url: string, init: ChatRequestInit): Promise<Response> {
    const headersTimeout = new AbortController();
    const timer = setTimeout(() => {
      headersTimeout.abort();
    }, options.timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, {
        ...init,
        headers: {
          ...init.headers,
          authorization: `Bearer ${call.token}`,
          'x-request-id': call.requestId,
          'x-forwarded-for': call.clientIp,
        },
        signal: AbortSignal.any([call.signal, headersTimeout.signal]),
      });
    } catch (error) {
      if (call.signal.aborted) throw error;
      const failure = headersTimeout.signal.aborted
        ? gatewayErrors.GW_UPSTREAM_TIMEOUT(
            { upstream: 'chat', seconds: Math.round(options.timeoutMs / 1000) },
            error,
          )
        : upstreamFailure('chat', error, options.timeoutMs);
      throw fromAppError(failure);
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) throw new ChatCallError(await problemOf(response));
    return response;
  }

  async function json(call: ChatCall, url: string, init: ChatRequestInit): Promise<unknown> {
    const response = await send(call, url, init);
    try {
      return await response.json();
    } catch (error) {
      if (call.signal.aborted) throw error;
      throw fromAppError(upstreamFailure('chat', error, options.timeoutMs));
    }
  }

  async function stream(
    call: ChatCall,
    url: string,
    init: ChatRequestInit,
  ): Promise<AsyncIterable<SseEvent>> {
    const response = await send(call, url, {
      ...init,
      headers: { ...init.headers, accept: 'text/event-stream' },
    });
    return readSseEvents(response.body ?? []);
  }

  return {
    async createSession(call, workspaceId) {
      const created = await json(call, `${base}/api/chat/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ workspaceId }),
      });
      const id = (created as { id?: unknown } | null)?.id;
      if (typeof id !== 'string') {
        throw new ChatCallError({
          status: 502,
          code: 'GW_WS_UPSTREAM_PROTOCOL',
          message: 'The chat service answered without a session id.',
        });
      }
      return id;
    },
    ask: (call, sessionId, content) =>
      stream(call, `${session(sessionId)}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content }),
      }),
    follow: (call, sessionId, messageId, lastEventId) =>
      stream(call, `${session(sessionId)}/messages/${encodeURIComponent(messageId)}/events`, {
        headers: { 'last-event-id': String(lastEventId) },
      }),
    message: (call, sessionId, messageId) =>
      json(call, `${session(sessionId)}/messages/${encodeURIComponent(messageId)}`, {}),
    async cancel(call, sessionId) {
      await json(call, `${session(sessionId)}/cancel`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
    },
  };
}

function fromAppError(error: AppError): ChatCallError {
  return new ChatCallError(
    { status: error.status, code: error.code, message: error.detail },
    { cause: error },
  );
}

// chat answers problem+json; its 5xx details are already scrubbed by chat's error handler.
async function problemOf(response: Response): Promise<ChatFailure> {
  let problem: { code?: unknown; detail?: unknown; title?: unknown } = {};
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null) problem = body;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' && value !== '' ? value : undefined;
  return {
    status: response.status,
    code: text(problem.code),
    message:
      text(problem.detail) ??
      text(problem.title) ??
      `The chat service answered ${String(response.status)}.`,
  };
}

import { ApiError, apiErrorFrom } from '../api/api-error.ts';
import { toChatStreamEvent } from './chat-types.ts';
import type { ChatStreamEvent } from './chat-types.ts';
import { SseParser } from './sse-parser.ts';

/** Sends a request to the API; the app's passes the access token and refreshes it. */
export type SendRequest = (path: string, init: RequestInit) => Promise<Response>;

/** What {@link streamAnswer} and {@link followAnswer} share. */
export interface AnswerStreamOptions {
  readonly send: SendRequest;
  readonly sessionId: string;
  readonly onEvent: (event: ChatStreamEvent) => void;
  /** Told before each reconnection attempt, so the UI can say it is reconnecting. */
  readonly onReconnecting?: (attempt: number, delayMs: number) => void;
  /** Aborts the request and any reconnection (leaving the page, not cancelling the answer). */
  readonly signal?: AbortSignal;
  /** Reconnection attempts in a row without an event before giving up. */
  readonly maxAttempts?: number;
  /** Upper bound of the backoff between attempts. */
  readonly maxDelayMs?: number;
  readonly sleep?: (milliseconds: number) => Promise<void>;
}

/** Options of {@link streamAnswer}. */
export interface StreamAnswerOptions extends AnswerStreamOptions {
  readonly content: string;
}

/** Options of {@link followAnswer}. */
export interface FollowAnswerOptions extends AnswerStreamOptions {
  /** The answer, already being written, whose stream to follow from its first event. */
  readonly answerId: string;
}

/** The first reconnection delay when the server sent no `retry:`. */
const DEFAULT_RETRY_MS = 1000;

/**
 * Asks a question and follows its answer to `message.completed`. A stream that drops before
 * then is resumed with `GET …/messages/{answerId}/events` and `Last-Event-ID`, which chat
 * answers with exactly the events after it: the user sees no gap and no repeat. Attempts back
 * off exponentially (from the server's `retry:`, with jitter) and give up after
 * `maxAttempts` in a row that brought nothing.
 */
export function streamAnswer(options: StreamAnswerOptions): Promise<void> {
  return runAnswerStream(options, { content: options.content });
}

/**
 * Follows an answer that is already being written (a session opened after a reload, while its
 * answer is still `streaming`) from its stream's first event to `message.completed`, with the
 * same resumption as {@link streamAnswer}.
 */
export function followAnswer(options: FollowAnswerOptions): Promise<void> {
  return runAnswerStream(options, { answerId: options.answerId });
}

async function runAnswerStream(
  options: AnswerStreamOptions,
  start: { readonly content: string } | { readonly answerId: string },
): Promise<void> {
  const { send, sessionId, onEvent, signal } = options;
  const maxAttempts = options.maxAttempts ?? 6;
  const maxDelayMs = options.maxDelayMs ?? 15_000;
  const sleep = options.sleep ?? ((ms: number) => abortableSleep(ms, signal));
  // An object, not variables: the stream callback sets these while the loops below await.
  const progress: { answerId: string | null; completed: boolean } = {
    answerId: 'answerId' in start ? start.answerId : null,
    completed: false,
  };
  let retryMs = DEFAULT_RETRY_MS;
  let lastEventId = '';
  let failures = 0;

  const follow = async (response: Response): Promise<void> => {
    if (!response.ok) throw await apiErrorFrom(response);
    if (response.body === null) return;
    const parser = new SseParser(
      (sse) => {
        lastEventId = sse.id;
        const event = toChatStreamEvent(sse.event, sse.data);
        if (event === null) return;
        failures = 0;
        if (event.type === 'message.started') progress.answerId = event.answerId;
        if (event.type === 'message.completed') progress.completed = true;
        onEvent(event);
      },
      (ms) => {
        retryMs = ms;
      },
    );
    const reader = response.body.getReader();
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) return;
      parser.push(chunk.value);
      if (progress.completed) {
        await reader.cancel();
        return;
      }
    }
  };

  const base = `/api/chat/sessions/${encodeURIComponent(sessionId)}/messages`;
  const resume = async (answerId: string): Promise<void> => {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (lastEventId !== '') headers['last-event-id'] = lastEventId;
    await follow(
      await send(`${base}/${encodeURIComponent(answerId)}/events`, {
        method: 'GET',
        headers,
        ...(signal === undefined ? {} : { signal }),
      }),
    );
  };
  try {
    if ('answerId' in start) {
      await resume(start.answerId);
    } else {
      await follow(
        await send(base, {
          method: 'POST',
          headers: { accept: 'text/event-stream', 'content-type': 'application/json' },
          body: JSON.stringify({ content: start.content }),
          ...(signal === undefined ? {} : { signal }),
        }),
      );
    }
  } catch (error) {
    if (!isDroppedStream(error, signal) || progress.answerId === null) throw error;
  }
  while (!progress.completed) {
    // Ended without message.completed and without an answer to resume: nothing to follow.
    const answerId = progress.answerId;
    if (answerId === null) throw streamLost('The answer stream ended before it started.');
    failures += 1;
    if (failures > maxAttempts) throw streamLost('The connection to the answer was lost.');
    const delayMs = backoffDelay(retryMs, failures, maxDelayMs);
    options.onReconnecting?.(failures, delayMs);
    await sleep(delayMs);
    try {
      await resume(answerId);
    } catch (error) {
      if (!isDroppedStream(error, signal)) throw error;
    }
  }
}

/** Exponential backoff from `baseMs`, capped, with up to 20% jitter so tabs do not stampede. */
export function backoffDelay(baseMs: number, attempt: number, maxMs: number): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(exponential * (0.8 + Math.random() * 0.2));
}

/**
 * Whether a failure is worth reconnecting after: the network dropped, or the server answered
 * with a transient 5xx. A 4xx (the answer is gone, the user signed out) is final, as is an
 * abort by the app itself.
 */
function isDroppedStream(error: unknown, signal: AbortSignal | undefined): boolean {
  if (signal?.aborted === true) return false;
  // A malformed event will be just as malformed when sent again.
  if (error instanceof SyntaxError) return false;
  if (error instanceof ApiError) return error.status === 0 || error.status >= 500;
  return true;
}

function streamLost(detail: string): ApiError {
  return new ApiError({
    status: 0,
    code: 'STREAM_LOST',
    detail,
    retryAfterSeconds: null,
    resetsAt: null,
  });
}

function abortableSleep(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, milliseconds);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });
}

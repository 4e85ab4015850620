import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/api-error.ts';
import { followAnswer, streamAnswer } from '../../src/chat/answer-stream.ts';
import type { ChatStreamEvent } from '../../src/chat/chat-types.ts';

interface SeenRequest {
  readonly path: string;
  readonly method: string;
  readonly lastEventId: string | null;
}

/** A response whose body sends `frames`, then ends cleanly or with a network error. */
function sse(frames: readonly string[], ending: 'end' | 'drop' = 'end'): Response {
  const encoder = new TextEncoder();
  let next = 0;
  // Frame by frame on demand: erroring a stream discards what is still queued in it.
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const frame = frames[next++];
      if (frame !== undefined) controller.enqueue(encoder.encode(frame));
      else if (ending === 'end') controller.close();
      else controller.error(new TypeError('network error'));
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

const started =
  'id: 1\nevent: message.started\ndata: {"sessionId":"s1","questionId":"q1","answerId":"a1"}\n\n';
const delta = (id: number, text: string) =>
  `id: ${String(id)}\nevent: message.delta\ndata: ${JSON.stringify({ text })}\n\n`;
const completed = (id: number) => `id: ${String(id)}\nevent: message.completed\ndata: null\n\n`;

function fakeServer(responses: readonly (Response | Error)[]) {
  const seen: SeenRequest[] = [];
  let next = 0;
  const send = (path: string, init: RequestInit): Promise<Response> => {
    const headers = new Headers(init.headers);
    seen.push({ path, method: init.method ?? 'GET', lastEventId: headers.get('last-event-id') });
    const response = responses[next++];
    if (response === undefined) return Promise.reject(new Error('unexpected request'));
    return response instanceof Error ? Promise.reject(response) : Promise.resolve(response);
  };
  return { send, seen };
}

function run(responses: readonly (Response | Error)[], maxAttempts = 3) {
  const server = fakeServer(responses);
  const events: ChatStreamEvent[] = [];
  const delays: number[] = [];
  const outcome = streamAnswer({
    send: server.send,
    sessionId: 's1',
    content: 'how many deals?',
    onEvent: (event) => events.push(event),
    onReconnecting: (_attempt, delayMs) => delays.push(delayMs),
    maxAttempts,
    sleep: () => Promise.resolve(),
  });
  return { outcome, events, delays, seen: server.seen };
}

function text(events: readonly ChatStreamEvent[]): string {
  return events.map((event) => (event.type === 'message.delta' ? event.text : '')).join('');
}

describe('streamAnswer', () => {
  it('posts the question for SSE and follows it to message.completed', async () => {
    const { outcome, events, seen } = run([
      sse([started, delta(2, 'Twelve '), delta(3, 'deals.'), completed(4)]),
    ]);
    await outcome;
    expect(seen).toEqual([
      { path: '/api/chat/sessions/s1/messages', method: 'POST', lastEventId: null },
    ]);
    expect(text(events)).toBe('Twelve deals.');
    expect(events.at(-1)?.type).toBe('message.completed');
  });

  it('resumes a dropped stream after the last event it received, without repeats', async () => {
    const { outcome, events, seen, delays } = run([
      sse([started, delta(2, 'Twelve ')], 'drop'),
      new ApiError({
        status: 0,
        code: 'NETWORK_ERROR',
        detail: 'offline',
        retryAfterSeconds: null,
        resetsAt: null,
      }),
      sse([delta(3, 'deals.'), completed(4)]),
    ]);
    await outcome;
    expect(seen.slice(1)).toEqual([
      { path: '/api/chat/sessions/s1/messages/a1/events', method: 'GET', lastEventId: '2' },
      { path: '/api/chat/sessions/s1/messages/a1/events', method: 'GET', lastEventId: '2' },
    ]);
    expect(text(events)).toBe('Twelve deals.');
    // Backoff doubles from the 1 s default (with up to 20% jitter off).
    expect(delays[0]).toBeGreaterThanOrEqual(800);
    expect(delays[1]).toBeGreaterThanOrEqual(1600);
  });

  it('also resumes a stream that ended cleanly before message.completed', async () => {
    const { outcome, events, seen } = run([sse([started, delta(2, 'Hi')]), sse([completed(3)])]);
    await outcome;
    expect(seen[1]?.lastEventId).toBe('2');
    expect(events.at(-1)?.type).toBe('message.completed');
  });

  it('gives up after the allowed attempts in a row', async () => {
    const down = () => new Response('', { status: 503 });
    const { outcome } = run([sse([started], 'drop'), down(), down()], 2);
    await expect(outcome).rejects.toMatchObject({ code: 'STREAM_LOST' });
  });

  it('does not retry a refused question: the problem reaches the caller', async () => {
    const refused = new Response(
      JSON.stringify({ status: 429, code: 'CHAT_RATE_LIMITED', detail: 'Too many questions.' }),
      { status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': '5' } },
    );
    const { outcome, seen } = run([refused]);
    await expect(outcome).rejects.toMatchObject({
      code: 'CHAT_RATE_LIMITED',
      retryAfterSeconds: 5,
    });
    expect(seen).toHaveLength(1);
  });
});

describe('followAnswer', () => {
  function follow(responses: readonly (Response | Error)[]) {
    const server = fakeServer(responses);
    const events: ChatStreamEvent[] = [];
    const outcome = followAnswer({
      send: server.send,
      sessionId: 's1',
      answerId: 'a1',
      onEvent: (event) => events.push(event),
      maxAttempts: 2,
      sleep: () => Promise.resolve(),
    });
    return { outcome, events, seen: server.seen };
  }

  it('follows an answer being written from its first event, without asking again', async () => {
    const { outcome, events, seen } = follow([
      sse([started, delta(2, 'Twelve '), delta(3, 'deals.'), completed(4)]),
    ]);
    await outcome;
    expect(seen).toEqual([
      { path: '/api/chat/sessions/s1/messages/a1/events', method: 'GET', lastEventId: null },
    ]);
    expect(text(events)).toBe('Twelve deals.');
  });

  it('resumes after the last event when that stream drops too', async () => {
    const { outcome, events, seen } = follow([
      sse([started, delta(2, 'Twelve ')], 'drop'),
      sse([delta(3, 'deals.'), completed(4)]),
    ]);
    await outcome;
    expect(seen[1]?.lastEventId).toBe('2');
    expect(text(events)).toBe('Twelve deals.');
  });

  it('stops at once when the answer is gone', async () => {
    const gone = new Response(
      JSON.stringify({ status: 404, code: 'CHAT_MESSAGE_NOT_FOUND', detail: 'No such message.' }),
      { status: 404, headers: { 'content-type': 'application/problem+json' } },
    );
    const { outcome, seen } = follow([gone]);
    await expect(outcome).rejects.toMatchObject({ status: 404 });
    expect(seen).toHaveLength(1);
  });
});

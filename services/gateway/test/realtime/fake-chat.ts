import { setTimeout as delay } from 'node:timers/promises';
import Fastify from 'fastify';
import type { FastifyReply } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';

/** One event of the scripted answer. */
export interface ScriptedEvent {
  readonly event: string;
  readonly data: unknown;
}

/** chat's streaming API as far as the WebSocket uses it, for one scripted answer. */
export interface FakeChat {
  readonly url: string;
  /** Every request received, oldest first. */
  readonly requests: { method: string; url: string; headers: IncomingHttpHeaders }[];
  /** The answer's events (ids 1, 2, …); the first should be message.started. */
  events: ScriptedEvent[];
  /** Pause before each event of a stream. */
  delayMs: number;
  /** The first stream (the POST) ends after this many events, as a restarting chat would. */
  cutAfter: number | undefined;
  /** The answer's status when read as a message. */
  status: string;
  /** Streams whose client went away before they ended. */
  abandoned: number;
  close(): Promise<void>;
}

/** Sessions the fake knows; any other is "not yours" (404), as chat answers for a stranger's. */
export const SESSIONS = ['ses_1', 'ses_new'];
export const ANSWER_ID = 'msg_2';

/** A chat stand-in that streams `events` with chat's SSE framing and honours Last-Event-ID. */
export async function startFakeChat(): Promise<FakeChat> {
  const app = Fastify();
  let url = '';
  const fake: FakeChat = {
    get url() {
      return url;
    },
    requests: [],
    events: [],
    delayMs: 0,
    cutAfter: undefined,
    status: 'complete',
    abandoned: 0,
    close: () => app.close(),
  };
  app.addHook('onRequest', async (request, reply) => {
    fake.requests.push({ method: request.method, url: request.url, headers: request.headers });
    const session = /^\/api\/chat\/sessions\/([^/?]+)/.exec(request.url)?.[1];
    if (session !== undefined && !SESSIONS.includes(session)) {
      return reply
        .code(404)
        .type('application/problem+json')
        .send({
          status: 404,
          code: 'CHAT_SESSION_NOT_FOUND',
          detail: `Session ${session} does not exist or is not yours.`,
        });
    }
    return undefined;
  });
  app.post('/api/chat/sessions', (_request, reply) => reply.code(201).send({ id: 'ses_new' }));

  async function stream(reply: FastifyReply, after: number, limit: number | undefined) {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream' });
    raw.write('retry: 2000\n\n: keep-alive\n\n');
    let sent = 0;
    for (const [index, scripted] of fake.events.entries()) {
      const id = index + 1;
      if (id <= after) continue;
      if (limit !== undefined && sent >= limit) break;
      if (fake.delayMs > 0) await delay(fake.delayMs);
      if (raw.destroyed) {
        fake.abandoned += 1;
        return;
      }
      raw.write(
        `id: ${String(id)}\nevent: ${scripted.event}\ndata: ${JSON.stringify(scripted.data)}\n\n`,
      );
      sent += 1;
    }
    raw.end();
  }

  app.post('/api/chat/sessions/:id/messages', (_request, reply) => stream(reply, 0, fake.cutAfter));
  app.get('/api/chat/sessions/:id/messages/:messageId/events', (request, reply) =>
    stream(reply, Number(request.headers['last-event-id'] ?? '0'), undefined),
  );
  app.get('/api/chat/sessions/:id/messages/:messageId', () => ({
    id: ANSWER_ID,
    status: fake.status,
  }));
  app.post('/api/chat/sessions/:id/cancel', (_request, reply) =>
    reply.code(202).send({ cancelled: null }),
  );
  url = (await app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '');
  return fake;
}

/** An answer's events as chat streams them: started, the text in pieces, completed. */
export function answerEvents(sessionId: string, pieces: readonly string[]): ScriptedEvent[] {
  return [
    {
      event: 'message.started',
      data: { sessionId, questionId: 'msg_1', answerId: ANSWER_ID },
    },
    ...pieces.map((text) => ({ event: 'message.delta', data: { text } })),
    {
      event: 'message.completed',
      data: { id: ANSWER_ID, sessionId, status: 'complete', content: pieces.join('') },
    },
  ];
}

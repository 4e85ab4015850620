import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';

/** Answers one request; returning a value sends it as the body. */
export type ScriptedAnswer = (request: FastifyRequest, reply: FastifyReply) => unknown;

/** A local upstream whose answers a test scripts, counting the requests that reach it. */
export interface ScriptedUpstream {
  readonly url: string;
  /** Requests received since the last {@link ScriptedUpstream.answer}. */
  hits(): number;
  /** Answers the n-th request with the n-th answer; the last one answers all later requests. */
  answer(...answers: ScriptedAnswer[]): void;
  close(): Promise<void>;
}

/** Starts a fastify server on a free local port. */
export async function startScriptedUpstream(): Promise<ScriptedUpstream> {
  // Connections of requests the client gave up on can keep a graceful close waiting for the
  // keep-alive timeout; a test server has nothing to drain.
  const app = Fastify({ forceCloseConnections: true });
  let answers: ScriptedAnswer[] = [status(200)];
  let hits = 0;
  app.all('/*', (request, reply) => {
    hits += 1;
    const answer = answers[Math.min(hits, answers.length) - 1] ?? status(200);
    return answer(request, reply);
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    hits: () => hits,
    answer(...next) {
      answers = next;
      hits = 0;
    },
    close: () => app.close(),
  };
}

/** Answers with `code`, optional headers, and a small JSON body naming the status. */
export function status(code: number, headers: Record<string, string> = {}): ScriptedAnswer {
  return (_request, reply) => reply.code(code).headers(headers).send({ status: code });
}

/** Answers only after `ms`, or when the client gives up, whichever comes first. */
export function slow(ms: number, then: ScriptedAnswer = status(200)): ScriptedAnswer {
  return async (request, reply) => {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      reply.raw.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return then(request, reply);
  };
}

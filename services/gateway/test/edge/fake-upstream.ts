import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';

/** A stand-in for chat or mcp that records what reached it. */
export interface FakeUpstream {
  readonly url: string;
  readonly received: {
    readonly url: string;
    readonly headers: IncomingHttpHeaders;
    readonly body: unknown;
  }[];
  /** Lets the SSE route send its second event. */
  releaseStream(): void;
  close(): Promise<void>;
}

/** Routes a test needs from a service: readiness, an echo, an SSE stream, a slow answer. */
export async function startFakeUpstream(): Promise<FakeUpstream> {
  const app: FastifyInstance = Fastify();
  const received: FakeUpstream['received'] = [];
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  app.addHook('onRequest', (request, _reply, done) => {
    received.push({ url: request.url, headers: request.headers, body: undefined });
    done();
  });
  app.get('/readyz', () => ({ ready: true }));
  app.all('/*', (request) => ({ echoed: request.url, body: request.body ?? null }));
  app.get('/api/chat/slow', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    return { late: true };
  });
  app.get('/api/chat/stream', async (_request, reply) => {
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    reply.raw.write('data: first\n\n');
    await released;
    reply.raw.end('data: second\n\n');
    return reply;
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    received,
    releaseStream: () => {
      release();
    },
    close: () => app.close(),
  };
}

import fastifyReplyFrom from '@fastify/reply-from';
// Brings `summary` and `tags` into route schemas' type.
import type {} from '@fastify/swagger';
import type { FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { sendProblem } from '@pyairtable/kit';
import type { ServiceApp } from '@pyairtable/kit';
import type { GatewayContext } from '../gateway-context.ts';
import { upstreamFailure } from './upstream-failure.ts';

/** A path prefix the gateway forwards, and where it goes. */
interface Route {
  readonly upstream: 'chat' | 'mcp';
  /** Path as the client sends it (`*` matches the rest). */
  readonly path: string;
  /** The same request's path at the service. */
  readonly rewrite: (url: string) => string;
  readonly methods: readonly HTTPMethods[];
  readonly summary: string;
}

const ALL_METHODS: readonly HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

const ROUTES: readonly Route[] = [
  {
    upstream: 'mcp',
    path: '/mcp',
    rewrite: (url) => url,
    methods: ['GET', 'POST', 'DELETE'],
    summary: 'MCP (Streamable HTTP) for outside MCP clients; authenticate with an API key',
  },
  {
    upstream: 'mcp',
    path: '/api/airtable/*',
    rewrite: (url) => url.replace(/^\/api\/airtable/, '/api/v1/airtable'),
    methods: ALL_METHODS,
    summary: 'The Airtable REST API (see /api/airtable/openapi.json)',
  },
  {
    upstream: 'mcp',
    path: '/api/v1/airtable/*',
    rewrite: (url) => url,
    methods: ALL_METHODS,
    summary: "The Airtable REST API under the replaced system's path",
  },
  {
    upstream: 'chat',
    path: '/api/chat/*',
    rewrite: (url) => url,
    methods: ALL_METHODS,
    summary: 'The chat API: sessions, messages and their streams',
  },
];

/**
 * Forwards chat and mcp traffic unchanged: bodies and responses are streamed (SSE reaches the
 * client as the service writes it), the request id and trace context go along, and a service
 * that is down or slow becomes a 502, 503 or 504 problem instead of a hang or a bare 500.
 * Authentication is the services' own (zero trust): the gateway does not strip or add it.
 * Registered encapsulated, so its catch-all body parser applies to these routes only.
 */
export async function proxyRoutes(app: ServiceApp, context: GatewayContext): Promise<void> {
  {
    const bases = { chat: context.config.CHAT_URL, mcp: context.config.MCP_URL };
    // Bounds the wait for response headers only: a stream may then run as long as it lasts.
    const timeoutMs = context.config.UPSTREAM_TIMEOUT_MS;
    await app.register(fastifyReplyFrom, {
      undici: { headersTimeout: timeoutMs, bodyTimeout: 0 },
      disableRequestLogging: true,
    });
    // Anything the services accept, the gateway passes on as bytes.
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
      done(null, body);
    });
    for (const route of ROUTES) {
      app.route({
        method: [...route.methods],
        url: route.path,
        schema: { summary: route.summary, tags: [route.upstream] },
        handler: (request: FastifyRequest, reply: FastifyReply) =>
          reply.from(`${bases[route.upstream]}${route.rewrite(request.url)}`, {
            rewriteRequestHeaders: (_original, headers) => ({
              ...headers,
              'x-request-id': request.id,
              'x-forwarded-for': request.ip,
            }),
            // The failed reply is this handler's own `reply`.
            onError: (_failedReply, { error }) => {
              request.log.warn({ err: error, upstream: route.upstream }, 'upstream request failed');
              void sendProblem(reply, upstreamFailure(route.upstream, error, timeoutMs));
            },
          }),
      });
    }
  }
}

import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import fastifyPlugin from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ServiceApp } from '@pyairtable/kit';
import type { ScopeResolver } from '../identity/scope-resolver.ts';
import { mcpErrors } from '../mcp-errors.ts';
import type { ToolMetrics } from '../tools/tool-metrics.ts';
import { createWorkspaceServer } from './create-workspace-server.ts';
import { readOnlyRefusal } from './read-only-guard.ts';

/** Options of {@link mcpRoutes}. */
export interface McpRoutesOptions {
  readonly resolveScope: ScopeResolver;
  readonly metrics?: ToolMetrics;
}

const JsonRpcMessage = Type.Object(
  { jsonrpc: Type.Literal('2.0') },
  { additionalProperties: true },
);

/**
 * Streamable HTTP at `/mcp`, stateless: each POST gets a server and transport of its own, built
 * for the caller's scope, so any replica can answer any request and nothing outlives it. The
 * web-standard transport hands back a Response instead of writing to the socket, so the
 * request stays inside fastify (metrics, request ids, problem+json for auth failures).
 */
export const mcpRoutes = fastifyPlugin(
  (app: ServiceApp, options: McpRoutesOptions) => {
    app.post(
      '/mcp',
      {
        schema: {
          summary: 'MCP over Streamable HTTP (JSON-RPC requests, one response per POST)',
          body: Type.Union([
            JsonRpcMessage,
            Type.Array(JsonRpcMessage, { minItems: 1, maxItems: 50 }),
          ]),
        },
      },
      async (request, reply) => {
        const scope = await options.resolveScope(request);
        const refusal = readOnlyRefusal(request.body, scope);
        if (refusal !== undefined) return reply.type('application/json').send(refusal);
        const server = createWorkspaceServer(scope, options.metrics);
        // No sessionIdGenerator: stateless mode.
        const transport = new WebStandardStreamableHTTPServerTransport({
          enableJsonResponse: true,
        });
        try {
          await server.connect(transport);
          const response = await transport.handleRequest(toWebRequest(request), {
            parsedBody: request.body,
          });
          reply.code(response.status);
          response.headers.forEach((value, name) => {
            reply.header(name, value);
          });
          const body = await response.text();
          return await reply.send(body === '' ? undefined : body);
        } finally {
          await server.close();
        }
      },
    );
    // A stateless server has no stream to resume and no session to end.
    const notAllowed = (request: FastifyRequest): Promise<never> =>
      Promise.reject(mcpErrors.MCP_METHOD_NOT_ALLOWED({ method: request.method }));
    app.get('/mcp', { schema: { summary: 'Not supported: answers 405' } }, notAllowed);
    app.delete('/mcp', { schema: { summary: 'Not supported: answers 405' } }, notAllowed);
  },
  { name: 'pyairtable-mcp-transport', fastify: '5.x' },
);

// The transport checks Accept and Content-Type; the body goes in already parsed.
function toWebRequest(request: FastifyRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  return new Request(`http://${request.host}${request.url}`, { method: request.method, headers });
}

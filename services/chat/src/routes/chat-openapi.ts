import fastifySwagger from '@fastify/swagger';
import fastifyPlugin from 'fastify-plugin';
import type { ServiceApp } from '@pyairtable/kit';

/** Where chat's OpenAPI document is served (through the gateway at the same path). */
export const CHAT_OPENAPI_PATH = '/api/chat/openapi.json';

/**
 * chat's API as an OpenAPI 3.1 document, built from the route schemas; the gateway's docs UI
 * lists it beside its own. Register before the routes.
 */
export const chatOpenApi = fastifyPlugin(
  async (app: ServiceApp) => {
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'PyAirtable chat API',
          version: '1.0.0',
          description:
            'Conversations with the Airtable data of a workspace: sessions, questions, answers streamed as SSE (resumable with Last-Event-ID), cancel. Errors are RFC 9457 problem+json with a stable `code`.',
        },
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
            apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
          },
        },
        security: [{ bearerAuth: [] }, { apiKey: [] }],
      },
      transform: ({ schema, url }) => ({
        schema: url.startsWith('/api/chat/') ? schema : { ...schema, hide: true },
        url,
      }),
    });
    app.get(CHAT_OPENAPI_PATH, { schema: { hide: true } }, () => app.swagger());
  },
  { name: 'pyairtable-chat-openapi', fastify: '5.x' },
);

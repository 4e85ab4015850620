import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyPlugin from 'fastify-plugin';
import type { ServiceApp } from '@pyairtable/kit';

/** Where the gateway's OpenAPI document and its docs UI are served. */
export const GATEWAY_OPENAPI_PATH = '/api/openapi.json';
export const GATEWAY_DOCS_PATH = '/api/docs';

/**
 * The public API's OpenAPI 3.1 document, built from the route schemas, and a docs UI. Must be
 * registered before the routes it documents. The Airtable REST API forwarded to mcp has its own
 * document at `/api/airtable/openapi.json`.
 */
export const openApiPlugin = fastifyPlugin(
  async (app: ServiceApp) => {
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'PyAirtable API',
          version: '1.0.0',
          description:
            'The public API of PyAirtable: accounts, workspaces, API keys, the admin API, chat and the Airtable gateway. Errors are RFC 9457 problem+json with a stable `code`.',
        },
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          },
        },
      },
      transform: ({ schema, url }) => ({
        schema: url.startsWith('/api/') || url === '/mcp' ? schema : { ...schema, hide: true },
        url,
      }),
    });
    app.get(GATEWAY_OPENAPI_PATH, { schema: { hide: true } }, () => app.swagger());
    await app.register(fastifySwaggerUi, { routePrefix: GATEWAY_DOCS_PATH });
  },
  { name: 'pyairtable-gateway-openapi', fastify: '5.x' },
);

import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyPlugin from 'fastify-plugin';
import type { ServiceApp } from '@pyairtable/kit';

/** Where the gateway's OpenAPI document and its docs UI are served. */
export const GATEWAY_OPENAPI_PATH = '/api/openapi.json';
export const GATEWAY_DOCS_PATH = '/api/docs';

/**
 * The public API's OpenAPI 3.1 document, built from the route schemas, and a docs UI. Must be
 * registered before the routes it documents. chat and the Airtable REST API (mcp) publish their
 * own documents, which the UI lists beside this one.
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
    // One UI over the three documents of the public API: the gateway's, and chat's and the
    // Airtable API's, fetched through the gateway's own routes to those services.
    await app.register(fastifySwaggerUi, {
      routePrefix: GATEWAY_DOCS_PATH,
      uiConfig: {
        urls: [
          { url: GATEWAY_OPENAPI_PATH, name: 'PyAirtable API (accounts, workspaces, admin)' },
          { url: '/api/chat/openapi.json', name: 'Chat API' },
          { url: '/api/airtable/openapi.json', name: 'Airtable API' },
        ],
      },
    });
  },
  { name: 'pyairtable-gateway-openapi', fastify: '5.x' },
);

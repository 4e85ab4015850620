import fastifySwagger from '@fastify/swagger';
import type { ServiceApp } from '@pyairtable/kit';
import fastifyPlugin from 'fastify-plugin';
import { AIRTABLE_REST_PREFIX } from './airtable-rest-routes.ts';

/** Where the OpenAPI document of the REST API is served. */
export const OPENAPI_PATH = `${AIRTABLE_REST_PREFIX}/openapi.json`;

// The document's own version: bumped when the API changes, not with the package.
const API_VERSION = '1.0.0';

function registerRestOpenApi(app: ServiceApp): void {
  void app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'PyAirtable Airtable API',
        version: API_VERSION,
        description:
          "Airtable bases of one PyAirtable workspace: its bases, their schemas and records, behind the platform's rate limits and cache. Errors are RFC 9457 problem+json with a stable `code`.",
      },
      tags: [
        { name: 'bases', description: 'The bases the workspace allows and their schemas.' },
        { name: 'records', description: 'Reading and writing records.' },
        { name: 'cache', description: 'The read cache in front of Airtable.' },
      ],
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description:
              'A PyAirtable access token of a workspace member; name the workspace in the X-Workspace-Id header.',
          },
          apiKey: {
            type: 'apiKey',
            in: 'header',
            name: 'X-API-Key',
            description: "A workspace's API key.",
          },
        },
      },
      // Either scheme alone is enough.
      security: [{ bearerAuth: [] }, { apiKey: [] }],
    },
    // The app hosts other routes (MCP, health, metrics); the document is about this API only.
    transform: ({ schema, url }) => ({
      schema: url.startsWith(`${AIRTABLE_REST_PREFIX}/`) ? schema : { ...schema, hide: true },
      url,
    }),
  });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, () => app.swagger());
}

/**
 * Registers `@fastify/swagger` for the REST API and serves its OpenAPI 3.1 document at
 * `GET /api/v1/airtable/openapi.json`. Not encapsulated, so it sees routes registered beside
 * it; register it before `airtableRestRoutes`, as swagger only documents routes added after it.
 */
export const restOpenApi = fastifyPlugin(registerRestOpenApi, {
  name: 'pyairtable-rest-openapi',
  fastify: '5.x',
});

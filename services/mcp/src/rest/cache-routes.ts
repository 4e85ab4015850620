import type { ServiceApp } from '@pyairtable/kit';
import { Type } from 'typebox';
import { bodyProblemResponses } from './problem-responses.ts';
import type { RequestScopes } from './request-scopes.ts';
import { BaseIdSchema, TableSchema } from './rest-schemas.ts';
import { tableOf } from './schema-lookups.ts';

const InvalidateBodySchema = Type.Object(
  {
    baseId: BaseIdSchema,
    table: Type.Optional(TableSchema),
  },
  { additionalProperties: false },
);

const InvalidatedSchema = Type.Object(
  {
    baseId: Type.String(),
    schema: Type.Boolean({ description: "Whether the base's cached schema was dropped." }),
    tables: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }), {
      description: 'The tables whose cached records were dropped.',
    }),
  },
  { description: 'What was invalidated.' },
);

/** `POST /cache/invalidate`: after changes made in Airtable directly, read them at once. */
export function cacheRoutes(app: ServiceApp, scopes: RequestScopes): void {
  app.post(
    '/cache/invalidate',
    {
      schema: {
        operationId: 'invalidateCache',
        tags: ['cache'],
        summary: 'Drop the cached schema and records of a base (or of one of its tables)',
        description:
          'Reads are cached for a short while and writes made through this API invalidate them; changes made in Airtable directly show once the cache expires, or at once after this call. Any role may call it.',
        body: InvalidateBodySchema,
        response: { 200: InvalidatedSchema, ...bodyProblemResponses },
      },
    },
    async (request) => {
      const { baseId, table } = request.body;
      const scope = scopes.read(request, baseId);
      const tables =
        table === undefined
          ? (await scope.airtable.getBaseSchema(baseId)).tables
          : [await tableOf(scope, baseId, table)];
      await scope.airtable.invalidateCache(
        baseId,
        tables.map(({ id }) => id),
      );
      return { baseId, schema: true, tables: tables.map(({ id, name }) => ({ id, name })) };
    },
  );
}

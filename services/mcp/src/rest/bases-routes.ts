import type { ServiceApp } from '@pyairtable/kit';
import { Type } from 'typebox';
import { listAllowedBases } from '../tools/base-access.ts';
import { atDetail } from '../tools/get-base-schema.ts';
import type { SchemaDetail } from '../tools/get-base-schema.ts';
import { problemResponses } from './problem-responses.ts';
import type { RequestScopes } from './request-scopes.ts';
import { BaseParamsSchema } from './rest-schemas.ts';

const BaseListSchema = Type.Object(
  {
    bases: Type.Array(
      Type.Object({ id: Type.String(), name: Type.String(), permissionLevel: Type.String() }),
    ),
  },
  { description: 'The bases of the workspace the token can see.' },
);

const DetailSchema = Type.Union(
  [Type.Literal('tableIds'), Type.Literal('identifiers'), Type.Literal('full')],
  {
    default: 'full',
    description:
      '"tableIds": table ids and names; "identifiers": adds field and view ids and names; "full" (default): adds field types, options and descriptions.',
  },
);
const DEFAULT_DETAIL: SchemaDetail = 'full';

const SchemaQuerySchema = Type.Object(
  { detail: Type.Optional(DetailSchema) },
  { additionalProperties: false },
);

const FieldOutputSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  options: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

const TableOutputSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  primaryFieldId: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  fields: Type.Optional(Type.Array(FieldOutputSchema)),
  views: Type.Optional(
    Type.Array(Type.Object({ id: Type.String(), name: Type.String(), type: Type.String() })),
  ),
});

const BaseSchemaSchema = Type.Object(
  { baseId: Type.String(), tables: Type.Array(TableOutputSchema) },
  { description: "The base's tables at the level of detail asked for." },
);

/** `GET /bases` and `GET /bases/:baseId/schema`. */
export function basesRoutes(app: ServiceApp, scopes: RequestScopes): void {
  app.get(
    '/bases',
    {
      schema: {
        operationId: 'listBases',
        tags: ['bases'],
        summary: 'List the bases of the workspace',
        description: 'Only the bases the workspace allows, with their names and permission level.',
        response: { 200: BaseListSchema, ...problemResponses },
      },
    },
    async (request) => {
      const bases = await listAllowedBases(scopes.read(request));
      return {
        bases: bases.map(({ id, name, permissionLevel }) => ({ id, name, permissionLevel })),
      };
    },
  );

  app.get(
    '/bases/:baseId/schema',
    {
      schema: {
        operationId: 'getBaseSchema',
        tags: ['bases'],
        summary: "Get a base's tables, fields and views",
        params: BaseParamsSchema,
        querystring: SchemaQuerySchema,
        response: { 200: BaseSchemaSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { baseId } = request.params;
      const scope = scopes.read(request, baseId);
      const detail = request.query.detail ?? DEFAULT_DETAIL;
      const { tables } = await scope.airtable.getBaseSchema(baseId);
      return { baseId, tables: tables.map((table) => atDetail(table, detail)) };
    },
  );
}

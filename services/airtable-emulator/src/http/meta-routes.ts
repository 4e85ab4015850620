/**
 * The metadata API: `whoami`, the bases a token may use, a base's schema, and creating or
 * renaming tables and fields.
 */
import type { ServiceApp } from '@pyairtable/kit';
import { Type } from 'typebox';
import { airtableErrors } from '../airtable-errors.ts';
import { grantsBase } from '../auth/access-tokens.ts';
import type { AccessToken } from '../auth/access-tokens.ts';
import { findField } from '../model/emulator-state.ts';
import { renderBaseSchema, renderField, renderTable } from '../model/schema-render.ts';
import { createField, createTable, updateField, updateTable } from '../model/schema-writes.ts';
import type { RouteContext } from './route-targets.ts';
import { baseOf, tableOf } from './route-targets.ts';
import { errorResponses } from './route-schemas.ts';

const BASES_PAGE_SIZE = 1000;

const FieldDefinitionSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    type: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    options: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);

const NameAndDescriptionSchema = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1 })), description: Type.Optional(Type.String()) },
  { additionalProperties: false },
);

const FieldSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: Type.String(),
  description: Type.Optional(Type.String()),
  options: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

const TableSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.Optional(Type.String()),
  primaryFieldId: Type.String(),
  fields: Type.Array(FieldSchema),
  views: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), type: Type.String() })),
});

const BaseParams = Type.Object({ baseId: Type.String() });
const TableParams = Type.Object({ baseId: Type.String(), tableIdOrName: Type.String() });
const FieldParams = Type.Object({
  baseId: Type.String(),
  tableIdOrName: Type.String(),
  fieldIdOrName: Type.String(),
});

function tokenOf(token: AccessToken | null): AccessToken {
  if (token === null) throw airtableErrors.authenticationRequired();
  return token;
}

/** Registers the metadata routes. */
export function metaRoutes(app: ServiceApp, context: RouteContext): void {
  const read = { scope: 'schema.bases:read' } as const;
  const write = { scope: 'schema.bases:write' } as const;

  app.get(
    '/meta/whoami',
    {
      schema: {
        response: {
          200: Type.Object({ id: Type.String(), email: Type.Optional(Type.String()) }),
          ...errorResponses,
        },
      },
    },
    (request) => {
      const { user, scopes } = tokenOf(request.accessToken);
      return scopes.includes('user.email:read')
        ? { id: user.id, email: user.email }
        : { id: user.id };
    },
  );

  app.get(
    '/meta/bases',
    {
      config: read,
      schema: {
        querystring: Type.Object(
          { offset: Type.Optional(Type.String()) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            bases: Type.Array(
              Type.Object({
                id: Type.String(),
                name: Type.String(),
                permissionLevel: Type.String(),
              }),
            ),
            offset: Type.Optional(Type.String()),
          }),
          ...errorResponses,
        },
      },
    },
    (request) => {
      const token = tokenOf(request.accessToken);
      const bases = [...context.state.bases.values()].filter((base) => grantsBase(token, base.id));
      const { offset } = request.query;
      const start = offset === undefined ? 0 : bases.findIndex((base) => base.id === offset);
      if (start < 0) throw airtableErrors.invalidOffset(offset ?? '');
      const page = bases.slice(start, start + BASES_PAGE_SIZE);
      const next = bases[start + BASES_PAGE_SIZE];
      const listed = page.map((base) => ({
        id: base.id,
        name: base.name,
        permissionLevel: 'create',
      }));
      return next === undefined ? { bases: listed } : { bases: listed, offset: next.id };
    },
  );

  app.get(
    '/meta/bases/:baseId/tables',
    {
      config: read,
      schema: {
        params: BaseParams,
        response: { 200: Type.Object({ tables: Type.Array(TableSchema) }), ...errorResponses },
      },
    },
    (request) => renderBaseSchema(baseOf(context, request.params.baseId)),
  );

  app.post(
    '/meta/bases/:baseId/tables',
    {
      config: write,
      schema: {
        params: BaseParams,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1 }),
            description: Type.Optional(Type.String()),
            fields: Type.Array(FieldDefinitionSchema, { minItems: 1 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: TableSchema, ...errorResponses },
      },
    },
    (request) =>
      renderTable(createTable(context.state, baseOf(context, request.params.baseId), request.body)),
  );

  app.patch(
    '/meta/bases/:baseId/tables/:tableIdOrName',
    {
      config: write,
      schema: {
        params: TableParams,
        body: NameAndDescriptionSchema,
        response: { 200: TableSchema, ...errorResponses },
      },
    },
    (request) => {
      const { base, table } = tableOf(context, request.params);
      return renderTable(updateTable(context.state, base, table, request.body));
    },
  );

  app.post(
    '/meta/bases/:baseId/tables/:tableIdOrName/fields',
    {
      config: write,
      schema: {
        params: TableParams,
        body: FieldDefinitionSchema,
        response: { 200: FieldSchema, ...errorResponses },
      },
    },
    (request) => {
      const { base, table } = tableOf(context, request.params);
      return renderField(createField(context.state, base, table, request.body));
    },
  );

  app.patch(
    '/meta/bases/:baseId/tables/:tableIdOrName/fields/:fieldIdOrName',
    {
      config: write,
      schema: {
        params: FieldParams,
        body: NameAndDescriptionSchema,
        response: { 200: FieldSchema, ...errorResponses },
      },
    },
    (request) => {
      const { table } = tableOf(context, request.params);
      const field = findField(table, request.params.fieldIdOrName);
      if (field === undefined) throw airtableErrors.modelNotFound();
      return renderField(updateField(context.state, table, field, request.body));
    },
  );
}

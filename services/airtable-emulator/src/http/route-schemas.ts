/**
 * The request and response schemas of the `/v0` routes, the single source of their types.
 * Cell values are `unknown` here on purpose: what a cell may hold depends on the field, which
 * the model checks (answering Airtable's own 422s) once the table is known.
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';

/** Any Airtable error body. */
export const AirtableErrorSchema = Type.Union([
  Type.Object({
    error: Type.Object({ type: Type.String(), message: Type.Optional(Type.String()) }),
  }),
  Type.Object({ error: Type.String() }),
]);

/** Error responses every route may give. */
export const errorResponses = {
  '4xx': AirtableErrorSchema,
  '5xx': AirtableErrorSchema,
} as const;

const RecordIdSchema = Type.String({ pattern: '^rec[A-Za-z0-9]{14}$' });

/** Cell values keyed by field name or id. */
export const FieldsSchema = Type.Record(Type.String(), Type.Unknown());

/** A record as the API returns it. */
export const RecordSchema = Type.Object({
  id: Type.String(),
  createdTime: Type.String(),
  fields: FieldsSchema,
  commentCount: Type.Optional(Type.Integer()),
});

/** A page of records. */
export const RecordPageSchema = Type.Object({
  records: Type.Array(RecordSchema),
  offset: Type.Optional(Type.String()),
});

/** `{baseId, tableIdOrName}` path parameters. */
export const TableParamsSchema = Type.Object({
  baseId: Type.String(),
  tableIdOrName: Type.String(),
});

/** `{baseId, tableIdOrName, recordId}` path parameters. */
export const RecordParamsSchema = Type.Object({
  baseId: Type.String(),
  tableIdOrName: Type.String(),
  recordId: Type.String(),
});

const SortSchema = Type.Object(
  {
    field: Type.String({ minLength: 1 }),
    direction: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  },
  { additionalProperties: false },
);

/** The body of `POST …/listRecords`: the list parameters, typed. */
export const ListRecordsBodySchema = Type.Object(
  {
    fields: Type.Optional(Type.Array(Type.String())),
    filterByFormula: Type.Optional(Type.String()),
    maxRecords: Type.Optional(Type.Integer({ minimum: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    offset: Type.Optional(Type.String()),
    sort: Type.Optional(Type.Array(SortSchema)),
    view: Type.Optional(Type.String()),
    cellFormat: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('string')])),
    timeZone: Type.Optional(Type.String()),
    userLocale: Type.Optional(Type.String()),
    returnFieldsByFieldId: Type.Optional(Type.Boolean()),
    recordMetadata: Type.Optional(Type.Array(Type.Literal('commentCount'))),
    // airtable.js copies its `method: 'post'` option into the body it sends.
    method: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** The list parameters as the POST body gives them. */
export type ListRecordsBody = Static<typeof ListRecordsBodySchema>;

/** `POST /v0/{base}/{table}`: up to 10 `{fields}` records, or one record's `fields`. */
export const CreateRecordsBodySchema = Type.Object(
  {
    records: Type.Optional(
      Type.Array(Type.Object({ fields: FieldsSchema }, { additionalProperties: false }), {
        minItems: 1,
        maxItems: 10,
      }),
    ),
    fields: Type.Optional(FieldsSchema),
    typecast: Type.Optional(Type.Boolean()),
    returnFieldsByFieldId: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** The body of a create request. */
export type CreateRecordsBody = Static<typeof CreateRecordsBodySchema>;

/** `PATCH`/`PUT /v0/{base}/{table}`: up to 10 `{id, fields}` records, or an upsert. */
export const UpdateRecordsBodySchema = Type.Object(
  {
    records: Type.Array(
      Type.Object(
        { id: Type.Optional(RecordIdSchema), fields: FieldsSchema },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 10 },
    ),
    performUpsert: Type.Optional(
      Type.Object(
        { fieldsToMergeOn: Type.Array(Type.String(), { minItems: 1, maxItems: 3 }) },
        { additionalProperties: false },
      ),
    ),
    typecast: Type.Optional(Type.Boolean()),
    returnFieldsByFieldId: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** The body of a batch update or upsert. */
export type UpdateRecordsBody = Static<typeof UpdateRecordsBodySchema>;

/** `PATCH`/`PUT /v0/{base}/{table}/{record}`: one record's `fields`. */
export const UpdateRecordBodySchema = Type.Object(
  {
    fields: FieldsSchema,
    typecast: Type.Optional(Type.Boolean()),
    returnFieldsByFieldId: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** A batch update's answer; upserts add the created and updated ids. */
export const UpdateRecordsResponseSchema = Type.Object({
  records: Type.Array(RecordSchema),
  createdRecords: Type.Optional(Type.Array(Type.String())),
  updatedRecords: Type.Optional(Type.Array(Type.String())),
});

/** A deletion's answer for one record. */
export const DeletedRecordSchema = Type.Object({ id: Type.String(), deleted: Type.Boolean() });

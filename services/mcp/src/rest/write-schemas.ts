import { Type } from 'typebox';
import type { Static } from 'typebox';
import {
  FieldsSchema,
  MAX_RECORDS_PER_REQUEST,
  RecordIdSchema,
  RecordsSchema,
} from './rest-schemas.ts';

const TypecastSchema = Type.Boolean({
  default: false,
  description:
    'Let Airtable convert values, e.g. create a missing select option from text. It can change the schema.',
});

/** `POST …/records`: records to create. */
export const CreateBodySchema = Type.Object(
  {
    records: Type.Array(Type.Object({ fields: FieldsSchema }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: MAX_RECORDS_PER_REQUEST,
      description: `1 to ${MAX_RECORDS_PER_REQUEST} records; Airtable receives them 10 at a time. Not idempotent: sending twice creates duplicates.`,
    }),
    typecast: Type.Optional(TypecastSchema),
  },
  { additionalProperties: false },
);

/** `PATCH`/`PUT …/records`: changes by id, or an upsert matched on 1 to 3 fields. */
export const UpdateBodySchema = Type.Object(
  {
    records: Type.Array(
      Type.Object(
        {
          id: Type.Optional(RecordIdSchema),
          fields: FieldsSchema,
        },
        { additionalProperties: false },
      ),
      {
        minItems: 1,
        maxItems: MAX_RECORDS_PER_REQUEST,
        description: `1 to ${MAX_RECORDS_PER_REQUEST} records. Each needs its \`id\`, unless \`performUpsert\` matches records on fields instead (then ids are not allowed).`,
      },
    ),
    typecast: Type.Optional(TypecastSchema),
    performUpsert: Type.Optional(
      Type.Object(
        {
          fieldsToMergeOn: Type.Array(Type.String({ minLength: 1 }), {
            minItems: 1,
            maxItems: 3,
            description:
              'Fields identifying a record: no match creates one, one match updates it, several fail.',
          }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** The body of a `PATCH` or `PUT`, as validated. */
export type UpdateBody = Static<typeof UpdateBodySchema>;

/** What a `PATCH` or `PUT` answers; an upsert also says which records it created. */
export const UpdateResponseSchema = Type.Object({
  records: RecordsSchema,
  createdRecords: Type.Optional(Type.Array(Type.String(), { description: 'Upserts only.' })),
  updatedRecords: Type.Optional(Type.Array(Type.String(), { description: 'Upserts only.' })),
});

/** `DELETE …/records?records=rec…&records=rec…` (or `records[]=`, as Airtable takes them). */
export const DeleteQuerySchema = Type.Object(
  {
    records: Type.Optional(
      Type.Array(RecordIdSchema, {
        maxItems: MAX_RECORDS_PER_REQUEST,
        description: 'Ids to delete.',
      }),
    ),
    'records[]': Type.Optional(
      Type.Array(RecordIdSchema, {
        maxItems: MAX_RECORDS_PER_REQUEST,
        description: "Ids to delete, in Airtable's own form.",
      }),
    ),
  },
  { additionalProperties: false },
);

/** What a `DELETE` answers. */
export const DeleteResponseSchema = Type.Object({
  records: Type.Array(Type.Object({ id: Type.String(), deleted: Type.Literal(true) })),
});

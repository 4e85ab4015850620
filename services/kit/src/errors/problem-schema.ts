import { Type } from 'typebox';

/** Media type of every error response (RFC 9457), as the kit's error handler sends it. */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/**
 * The problem+json body the kit's error handler renders, for route schemas and OpenAPI.
 * Extensions (`errors` of a validation failure, `retryAfterSeconds`, …) stay allowed: the
 * response serializer would otherwise strip them.
 */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'A stable URN per error code.' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String({ description: 'What went wrong and, for client errors, what to fix.' }),
    instance: Type.String({ description: 'The request path.' }),
    code: Type.String({ description: 'The error code, e.g. GW_NOT_FOUND.' }),
    requestId: Type.String(),
  },
  { additionalProperties: true },
);

/** A problem+json response of a route schema, with why it happens (shown in OpenAPI). */
export interface ProblemResponse {
  readonly description: string;
  readonly content: { readonly [PROBLEM_MEDIA_TYPE]: { readonly schema: typeof ProblemSchema } };
}

/** Declares a problem+json response for a route schema's `response` map. */
export function problemResponse(description: string): ProblemResponse {
  return { description, content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } } };
}

import { Type } from 'typebox';

/** Media type of every error response (RFC 9457), as the kit's error handler sends it. */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/**
 * The problem+json body the kit renders. Extensions (`errors` of a validation failure,
 * `airtable` of an Airtable refusal, `writtenIds` of a partial write) stay allowed: the
 * response serializer would otherwise strip them.
 */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'A stable URN per error code.' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String({ description: 'What went wrong and, for client errors, what to fix.' }),
    instance: Type.String({ description: 'The request path.' }),
    code: Type.String({ examples: ['MCP_BASE_NOT_ALLOWED'] }),
    requestId: Type.String(),
  },
  { additionalProperties: true },
);

// Why each status happens on this API, shown in the OpenAPI document.
const WHY = {
  400: 'The request is malformed: the problem names each invalid field (`errors`).',
  401: 'No valid bearer token or API key.',
  403: 'The base is outside the workspace, the role may only read, the tenant is suspended, or Airtable refused.',
  404: 'No such workspace, table or record.',
  413: 'The body is larger than the server or Airtable accepts.',
  422: 'Airtable (or the schema check before it) rejected a field, view, value or formula.',
  500: 'Something failed on our side; quote the request id.',
  502: 'Airtable failed, rejected our credentials, or applied a write only partly.',
  503: 'Airtable is rate limiting this base, or the workspace has no Airtable token yet; honour Retry-After.',
} as const;

type ProblemStatus = keyof typeof WHY;

const problemResponse = (status: ProblemStatus) => ({
  description: WHY[status],
  content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } },
});

/** The error responses of every route. */
export const problemResponses = {
  400: problemResponse(400),
  401: problemResponse(401),
  403: problemResponse(403),
  404: problemResponse(404),
  422: problemResponse(422),
  500: problemResponse(500),
  502: problemResponse(502),
  503: problemResponse(503),
} as const;

/** The error responses of routes that take a body. */
export const bodyProblemResponses = { ...problemResponses, 413: problemResponse(413) } as const;

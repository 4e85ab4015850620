import { problemResponse as describedProblem } from '@pyairtable/kit';

export { PROBLEM_MEDIA_TYPE, ProblemSchema } from '@pyairtable/kit';

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

const problemResponse = (status: ProblemStatus) => describedProblem(WHY[status]);

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

import { Type } from 'typebox';

/** Media type of every error response (RFC 9457), as the kit's error handler sends it. */
const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/**
 * The problem+json body the kit renders. Extensions (`errors` of a validation failure) stay
 * allowed: the response serializer would otherwise strip them.
 */
const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'A stable URN per error code.' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String({ description: 'What went wrong and, for client errors, what to fix.' }),
    instance: Type.String({ description: 'The request path.' }),
    code: Type.String({ examples: ['GW_NOT_FOUND'] }),
    requestId: Type.String(),
  },
  { additionalProperties: true },
);

// Why each status happens on the tenancy APIs, shown in the OpenAPI document.
const WHY = {
  400: 'The request is malformed: the problem names each invalid field (`errors`).',
  401: 'No valid access token, or the account is disabled.',
  403: 'Your role does not allow this (workspace owner or platform admin needed).',
  404: 'No such object, or it is not visible to you.',
  409: 'It conflicts: the name is taken, a limit is reached, the last owner would go, or the object is managed by the Kubernetes operator (use kubectl).',
  422: 'A workspace quota would exceed its tenant’s.',
  500: 'Something failed on our side; quote the request id.',
  503: 'Access tokens cannot be checked right now; honour Retry-After.',
} as const;

/** A status a tenancy route may answer with a problem. */
export type ProblemStatus = keyof typeof WHY;

interface ProblemResponse {
  readonly description: string;
  readonly content: { readonly [PROBLEM_MEDIA_TYPE]: { readonly schema: typeof ProblemSchema } };
}

/**
 * The problem responses of a route: those every authenticated route can give (400, 401, 500,
 * 503) and the `extra` ones it adds.
 */
export function problemResponses<const Extra extends ProblemStatus>(
  ...extra: readonly Extra[]
): Record<400 | 401 | 500 | 503 | Extra, ProblemResponse> {
  const statuses: ProblemStatus[] = [400, 401, 500, 503, ...extra];
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: WHY[status], content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } } },
    ]),
  ) as Record<400 | 401 | 500 | 503 | Extra, ProblemResponse>;
}

/** The body of a 204 response. */
export const NoContentSchema = Type.Null({ description: 'Done; there is nothing to return.' });

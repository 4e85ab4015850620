import { Type } from 'typebox';
import { problemResponse } from '@pyairtable/kit';
import type { ProblemResponse } from '@pyairtable/kit';

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

/**
 * The problem responses of a route: those every authenticated route can give (400, 401, 500,
 * 503) and the `extra` ones it adds.
 */
export function problemResponses<const Extra extends ProblemStatus>(
  ...extra: readonly Extra[]
): Record<400 | 401 | 500 | 503 | Extra, ProblemResponse> {
  const statuses: ProblemStatus[] = [400, 401, 500, 503, ...extra];
  return Object.fromEntries(
    statuses.map((status) => [status, problemResponse(WHY[status])]),
  ) as Record<400 | 401 | 500 | 503 | Extra, ProblemResponse>;
}

/** The body of a 204 response. */
export const NoContentSchema = Type.Null({ description: 'Done; there is nothing to return.' });

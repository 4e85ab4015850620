import { problemResponse as describedProblem } from '@pyairtable/kit';
import type { ProblemResponse } from '@pyairtable/kit';

// Why each status happens on the auth routes, shown in the OpenAPI document.
const WHY = {
  400: 'The request is malformed: the problem names each invalid field (`errors`).',
  401: 'Wrong login or password, a disabled account, or an invalid, expired, revoked or reused token.',
  403: 'Registration is closed on this deployment.',
  409: 'An account with that email or username already exists.',
  429: 'Too many attempts from this address, or too many failed sign-ins for this account; honour Retry-After.',
  500: 'Something failed on our side; quote the request id.',
  503: 'A dependency (database, shared store, signing keys) is unavailable; retry shortly.',
} as const;

type ProblemStatus = keyof typeof WHY;

const problemResponse = (status: ProblemStatus): ProblemResponse => describedProblem(WHY[status]);

/**
 * The error responses a route may answer with, by status: `...problemResponses(400, 401)`
 * inside a route's `response` schema.
 */
export function problemResponses<Status extends ProblemStatus>(
  ...statuses: readonly Status[]
): Record<Status | 500 | 503, ProblemResponse> {
  const responses: Partial<Record<ProblemStatus, ProblemResponse>> = {};
  for (const status of [...statuses, 500 as const, 503 as const]) {
    responses[status] = problemResponse(status);
  }
  return responses as Record<Status | 500 | 503, ProblemResponse>;
}

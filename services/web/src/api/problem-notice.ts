import type { ApiError } from './api-error.ts';

/**
 * What the user is told about a failure. Each kind gets its own wording and affordance:
 * waiting out a rate limit is not the same as a quota gone until tomorrow.
 */
export type Notice =
  | { readonly kind: 'signed-out'; readonly message: string }
  | { readonly kind: 'quota-exhausted'; readonly message: string; readonly resetsAt: string | null }
  | {
      readonly kind: 'rate-limited';
      readonly message: string;
      readonly retryAfterSeconds: number | null;
    }
  | { readonly kind: 'upstream-down'; readonly message: string }
  | { readonly kind: 'offline'; readonly message: string }
  | { readonly kind: 'error'; readonly message: string };

const RATE_LIMIT_CODES = new Set(['CHAT_RATE_LIMITED', 'GW_RATE_LIMITED']);

/** Maps a failed call to what the user should see. */
export function noticeFor(error: ApiError): Notice {
  if (error.status === 0) {
    return { kind: 'offline', message: 'You appear to be offline. Check your connection.' };
  }
  if (error.status === 401) {
    return { kind: 'signed-out', message: 'Your session has ended. Please sign in again.' };
  }
  if (error.code === 'CHAT_QUOTA_EXCEEDED') {
    return { kind: 'quota-exhausted', message: error.detail, resetsAt: error.resetsAt };
  }
  if (error.status === 429 || RATE_LIMIT_CODES.has(error.code)) {
    const wait = error.retryAfterSeconds;
    const message =
      wait === null
        ? 'Too many requests. Please wait a moment and try again.'
        : `Too many requests. Try again in ${String(wait)} second${wait === 1 ? '' : 's'}.`;
    return { kind: 'rate-limited', message, retryAfterSeconds: wait };
  }
  if (error.status === 502 || error.status === 503 || error.status === 504) {
    return {
      kind: 'upstream-down',
      message: 'A service behind the gateway is unavailable right now. Try again shortly.',
    };
  }
  return { kind: 'error', message: error.detail };
}

/** The prefix the offline planner puts on every answer (chat's README). */
const OFFLINE_PLANNER_PREFIX = '(Offline planner';

/** Whether an answer was written by the offline planner rather than a language model. */
export function isOfflinePlannerAnswer(content: string): boolean {
  return content.trimStart().startsWith(OFFLINE_PLANNER_PREFIX);
}

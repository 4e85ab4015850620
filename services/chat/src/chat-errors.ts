import { defineErrors } from '@pyairtable/kit';

/** Errors chat answers HTTP requests with. */
export const chatErrors = defineErrors({
  CHAT_UNAUTHENTICATED: {
    status: 401,
    title: 'Authentication required',
    detail: (params: { reason: string }) => params.reason,
    headers: () => ({ 'www-authenticate': 'Bearer realm="pyairtable"' }),
  },
  CHAT_IDENTITY_UNAVAILABLE: {
    status: 503,
    title: 'Identity check unavailable',
    detail: () => "The gateway's signing keys could not be fetched; retry shortly.",
    headers: () => ({ 'retry-after': '5' }),
  },
  CHAT_WORKSPACE_NOT_FOUND: {
    status: 404,
    title: 'Workspace not found',
    detail: (params: { workspaceId: string }) =>
      `Workspace ${params.workspaceId} does not exist or you are not a member of it.`,
  },
  CHAT_SESSION_NOT_FOUND: {
    status: 404,
    title: 'Session not found',
    detail: (params: { sessionId: string }) =>
      `Chat session ${params.sessionId} does not exist or is not yours.`,
  },
  CHAT_MESSAGE_NOT_FOUND: {
    status: 404,
    title: 'Message not found',
    detail: (params: { messageId: string }) =>
      `Message ${params.messageId} is not in this session.`,
  },
  CHAT_TENANT_SUSPENDED: {
    status: 403,
    title: 'Tenant suspended',
    detail: () => 'Your organisation is suspended; chat is unavailable until it is resumed.',
  },
  CHAT_GENERATION_IN_PROGRESS: {
    status: 409,
    title: 'An answer is still being written',
    detail: (params: { messageId: string }) =>
      `This session is still answering (message ${params.messageId}); wait for it or cancel it first.`,
  },
  CHAT_RATE_LIMITED: {
    status: 429,
    title: 'Too many chat requests',
    detail: (params: { scope: string; limit: number; retryAfterSeconds: number }) =>
      `The ${params.scope}'s quota of ${String(params.limit)} chat requests per minute is used up. Retry in ${String(params.retryAfterSeconds)} s.`,
    headers: (params: { scope: string; limit: number; retryAfterSeconds: number }) => ({
      'retry-after': String(params.retryAfterSeconds),
    }),
    extensions: (params: { scope: string; limit: number; retryAfterSeconds: number }) => ({
      retryAfterSeconds: params.retryAfterSeconds,
    }),
  },
  CHAT_QUOTA_EXCEEDED: {
    status: 429,
    title: 'Daily token quota used up',
    detail: (params: { limit: number; resetsAt: string; retryAfterSeconds: number }) =>
      `Your organisation has used its ${String(params.limit)} LLM tokens for today; the quota resets at ${params.resetsAt}.`,
    headers: (params: { limit: number; resetsAt: string; retryAfterSeconds: number }) => ({
      'retry-after': String(params.retryAfterSeconds),
    }),
    extensions: (params: { limit: number; resetsAt: string; retryAfterSeconds: number }) => ({
      resetsAt: params.resetsAt,
    }),
  },
});

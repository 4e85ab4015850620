import { API_KEY_PREFIX } from './api-keys.ts';

/** The header naming the workspace a bearer-token request acts in. */
export const WORKSPACE_HEADER = 'x-workspace-id';

/** The header machine clients may send their API key in instead of `Authorization`. */
export const API_KEY_HEADER = 'x-api-key';

/** What a request presented to prove who it is. */
export type CallerCredentials =
  | {
      readonly kind: 'accessToken';
      readonly token: string;
      readonly workspaceId: string | undefined;
    }
  | { readonly kind: 'apiKey'; readonly secret: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'malformed'; readonly reason: string };

type Headers = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * Reads `Authorization: Bearer <access token or API key>`, `X-API-Key` and `X-Workspace-Id`.
 * An API key names its workspace itself; an access token needs the header.
 */
export function readCallerCredentials(headers: Headers): CallerCredentials {
  const authorization = single(headers.authorization);
  const apiKeyHeader = single(headers[API_KEY_HEADER]);
  if (authorization === undefined) {
    if (apiKeyHeader === undefined) return { kind: 'none' };
    return { kind: 'apiKey', secret: apiKeyHeader.trim() };
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const credential = match?.[1];
  if (credential === undefined) {
    return { kind: 'malformed', reason: 'The Authorization header must be "Bearer <token>".' };
  }
  if (credential.startsWith(API_KEY_PREFIX)) return { kind: 'apiKey', secret: credential };
  const workspaceId = single(headers[WORKSPACE_HEADER])?.trim();
  return {
    kind: 'accessToken',
    token: credential,
    workspaceId: workspaceId === '' ? undefined : workspaceId,
  };
}

// Repeated headers are ambiguous for credentials: treat them as absent rather than guess.
function single(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

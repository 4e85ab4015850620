import type { FastifyRequest } from 'fastify';
import { JwksUnavailableError, JwtVerificationError } from '@pyairtable/kit';
import type { JwtVerifier } from '@pyairtable/kit';
import type { Registry } from '@pyairtable/registry';
import { gatewayErrors } from '../gateway-errors.ts';

/** Who a WebSocket connection acts for, and until when. */
export interface SocketCaller {
  readonly userId: string;
  /** Forwarded to chat with every request: chat checks it itself (zero trust). */
  readonly token: string;
  /** When the token expires (ms since the epoch): the connection is closed at the next message. */
  readonly expiresAt: number;
}

/** What {@link authenticateSocket} checks the token against. */
export interface SocketAuthenticationOptions {
  readonly verifier: JwtVerifier;
  readonly registry: { readonly users: Pick<Registry['users'], 'get'> };
}

/**
 * Authenticates a WebSocket upgrade before it completes, so a refused client gets a plain 401
 * problem instead of an open socket. The access token comes from `Authorization: Bearer`, or
 * from `?access_token=` because browsers cannot set headers on a WebSocket. A token in the URL
 * is the weaker channel (URLs end up in proxy and server logs, which is why the gateway's
 * logger masks `access_token=`); access tokens live minutes, and native clients should use
 * the header. As on the HTTP routes, a disabled account is refused even with a valid token.
 */
export async function authenticateSocket(
  request: FastifyRequest,
  options: SocketAuthenticationOptions,
): Promise<SocketCaller> {
  const token = accessToken(request);
  let claims: { sub: string; exp: number };
  try {
    claims = await options.verifier.verify(token);
  } catch (error) {
    if (error instanceof JwtVerificationError) {
      const hint = error.reason === 'expired' ? ' Refresh it with /api/auth/refresh.' : '';
      throw gatewayErrors.GW_UNAUTHENTICATED(
        { reason: `The access token was rejected (${error.reason}).${hint}` },
        error,
      );
    }
    if (error instanceof JwksUnavailableError) {
      throw gatewayErrors.GW_IDENTITY_UNAVAILABLE({}, error);
    }
    throw error;
  }
  const user = await options.registry.users.get(claims.sub);
  if (user === undefined || user.disabled) {
    throw gatewayErrors.GW_UNAUTHENTICATED({
      reason: 'This account no longer exists or is disabled.',
    });
  }
  return { userId: user.id, token, expiresAt: claims.exp * 1000 };
}

function accessToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const fromHeader =
    typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
  const fromQuery = new URL(request.url, 'http://gateway').searchParams.get('access_token');
  const token = fromHeader ?? (fromQuery === '' ? null : fromQuery);
  if (token === null) {
    throw gatewayErrors.GW_UNAUTHENTICATED({
      reason:
        'Send "Authorization: Bearer <access token>" (from /api/auth/login), or ?access_token=<access token> where headers cannot be set.',
    });
  }
  return token;
}

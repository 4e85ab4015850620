import type { FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '@pyairtable/registry';
import type { GatewayContext } from '../gateway-context.ts';
import type { IssuedRefreshToken, RefreshTokenMeta } from '../tokens/index.ts';
import type { TokenPair } from './account-schemas.ts';

/** Where a refresh token is issued from, kept with it for session lists and audits. */
export function clientMeta(request: FastifyRequest): RefreshTokenMeta {
  return { userAgent: request.headers['user-agent'], ip: request.ip };
}

/**
 * The token pair of a sign-in: a new access token for `user`, naming the refresh token's
 * family as its session, beside that refresh token.
 */
export async function tokenPair(
  context: Pick<GatewayContext, 'accessTokens'>,
  user: User,
  refresh: Pick<IssuedRefreshToken, 'token' | 'familyId'>,
): Promise<TokenPair> {
  const access = await context.accessTokens.issue({
    userId: user.id,
    email: user.email,
    platformRole: user.platformRole,
    sessionId: refresh.familyId,
  });
  return {
    accessToken: access.token,
    refreshToken: refresh.token,
    expiresIn: access.expiresIn,
    tokenType: 'Bearer',
  };
}

/** Token responses must not be kept by caches or proxies (RFC 6749 §5.1). */
export function noStore(reply: FastifyReply): void {
  void reply.header('cache-control', 'no-store');
}

import type { ServiceApp } from '@pyairtable/kit';
import type { GatewayContext } from '../gateway-context.ts';
import { accountErrors } from './account-errors.ts';
import { problemResponses } from './account-problem-responses.ts';
import { RefreshTokenBodySchema, TokenPairSchema } from './account-schemas.ts';
import type { AuthRateLimits } from './auth-rate-limits.ts';
import { clientMeta, noStore, tokenPair } from './session-tokens.ts';

/**
 * `POST /api/auth/refresh`: a refresh token for the next pair. The presented token is used
 * up; presenting it again is taken as theft, and the store then revokes its whole family.
 */
export function refreshRoute(
  app: ServiceApp,
  context: GatewayContext,
  limits: AuthRateLimits,
): void {
  app.post(
    '/api/auth/refresh',
    {
      onRequest: limits.perIp,
      schema: {
        operationId: 'refreshTokens',
        tags: ['auth'],
        summary: 'Exchange a refresh token for a new access and refresh token',
        description:
          'Each refresh token works once. Presenting a used one again ends the whole sign-in (the newest token too), since someone kept a copy: sign in again. Refresh one request at a time: parallel refreshes of one token count as reuse.',
        body: RefreshTokenBodySchema,
        response: { 200: TokenPairSchema, ...problemResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const rotation = await context.refreshTokens.rotate(
        request.body.refreshToken,
        clientMeta(request),
      );
      if (!rotation.ok) {
        if (rotation.reason === 'reused') {
          await context.audit.record({
            action: 'auth.refresh_reuse',
            outcome: 'denied',
            actorIp: request.ip,
            details: { familyRevoked: true },
          });
        }
        throw accountErrors.GW_INVALID_REFRESH_TOKEN({});
      }
      const user = await context.registry.users.get(rotation.userId);
      if (user === undefined || user.disabled) {
        // A disabled account keeps no session, so none of its refresh tokens may work again.
        await context.refreshTokens.revokeAllForUser(rotation.userId);
        throw accountErrors.GW_INVALID_REFRESH_TOKEN({});
      }
      noStore(reply);
      return tokenPair(context, user, rotation);
    },
  );
}

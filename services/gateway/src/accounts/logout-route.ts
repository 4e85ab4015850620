import type { ServiceApp } from '@pyairtable/kit';
import type { GatewayContext } from '../gateway-context.ts';
import { problemResponses } from './account-problem-responses.ts';
import { RefreshTokenBodySchema, SignedOutSchema } from './account-schemas.ts';

/**
 * `POST /api/auth/logout`: ends the sign-in a refresh token belongs to. Idempotent: an
 * unknown, expired or already revoked token answers 204 too, so a client can always log out
 * and learns nothing about tokens it does not hold. Access tokens already issued live on
 * until they expire (minutes).
 */
export function logoutRoute(app: ServiceApp, context: GatewayContext): void {
  app.post(
    '/api/auth/logout',
    {
      schema: {
        operationId: 'logout',
        tags: ['auth'],
        summary: 'Sign out: revoke the refresh token and every token of its sign-in',
        body: RefreshTokenBodySchema,
        response: { 204: SignedOutSchema, ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const revoked = await context.refreshTokens.revokeFamily(request.body.refreshToken);
      if (revoked) {
        await context.audit.record({
          action: 'auth.logout',
          outcome: 'success',
          actorIp: request.ip,
        });
      }
      return reply.code(204).send(null);
    },
  );
}

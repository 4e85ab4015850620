import type { FastifyRequest } from 'fastify';
import { AppError } from '@pyairtable/kit';
import type { ServiceApp } from '@pyairtable/kit';
import type { User } from '@pyairtable/registry';
import type { GatewayContext } from '../gateway-context.ts';
import { hashPassword } from '../tokens/index.ts';
import { accountErrors } from './account-errors.ts';
import { problemResponses } from './account-problem-responses.ts';
import { RegisterBodySchema, RegisteredSchema, toPublicUser } from './account-schemas.ts';
import type { AuthRateLimits } from './auth-rate-limits.ts';

/** `POST /api/auth/register`: a new account with the platform role `user`. */
export function registerRoute(
  app: ServiceApp,
  context: GatewayContext,
  limits: AuthRateLimits,
): void {
  // Before the body is read: a closed deployment answers 403 whatever was sent.
  const registrationOpen = async (request: FastifyRequest): Promise<void> => {
    if (context.config.REGISTRATION === 'open') return;
    await context.audit.record({
      action: 'auth.register',
      outcome: 'denied',
      actorIp: request.ip,
      details: { reason: 'registration_closed' },
    });
    throw accountErrors.GW_REGISTRATION_CLOSED({});
  };

  app.post(
    '/api/auth/register',
    {
      onRequest: [limits.perIp, registrationOpen],
      schema: {
        operationId: 'register',
        tags: ['auth'],
        summary: 'Create an account',
        description:
          'Creates a user who signs in with the email or the username. Closed (403) when the deployment sets REGISTRATION=closed. Limited per client address.',
        body: RegisterBodySchema,
        response: {
          201: RegisteredSchema,
          ...problemResponses(400, 403, 409, 429),
        },
      },
    },
    async (request, reply) => {
      const { email, username, displayName, password } = request.body;
      const passwordHash = await hashPassword(password);
      let user: User;
      try {
        user = await context.registry.users.create({
          email,
          username,
          displayName: displayName ?? username ?? email.slice(0, email.indexOf('@')),
          passwordHash,
        });
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'REGISTRY_CONFLICT')) throw error;
        await context.audit.record({
          action: 'auth.register',
          outcome: 'failure',
          actorIp: request.ip,
          details: { email, username, reason: 'exists' },
        });
        throw accountErrors.GW_ACCOUNT_EXISTS({}, error);
      }
      await context.audit.record({
        action: 'auth.register',
        outcome: 'success',
        actorUserId: user.id,
        actorIp: request.ip,
        targetType: 'user',
        targetId: user.id,
        details: { email: user.email, username: user.username },
      });
      return reply.code(201).send({ user: toPublicUser(user) });
    },
  );
}

import type { FastifyRequest } from 'fastify';
import { AppError } from '@pyairtable/kit';
import type { ServiceApp } from '@pyairtable/kit';
import type { User, UserCredentials } from '@pyairtable/registry';
import type { GatewayContext } from '../gateway-context.ts';
import { hashPassword, needsRehash, verifyPassword } from '../tokens/index.ts';
import { accountErrors } from './account-errors.ts';
import { problemResponses } from './account-problem-responses.ts';
import { LoginBodySchema, TokenPairSchema } from './account-schemas.ts';
import type { AuthRateLimits, LoginAttempt } from './auth-rate-limits.ts';
import { clientMeta, noStore, tokenPair } from './session-tokens.ts';

/** Why a sign-in failed, for the audit log only: the caller always hears the same 401. */
type LoginFailure = 'unknown_login' | 'no_password' | 'wrong_password' | 'disabled';

/**
 * `POST /api/auth/login`: email or username and password for a token pair. Every failure
 * (unknown login, wrong password, disabled account) costs one scrypt verification, against
 * `dummyPasswordHash` when there is no real hash, and answers the same 401.
 */
export function loginRoute(
  app: ServiceApp,
  context: GatewayContext,
  limits: AuthRateLimits,
  dummyPasswordHash: string,
): void {
  const audit = (
    request: FastifyRequest,
    outcome: 'success' | 'failure' | 'denied',
    login: string,
    extra: { readonly userId?: string | undefined; readonly reason?: string } = {},
  ) =>
    context.audit.record({
      action: 'auth.login',
      outcome,
      actorUserId: extra.userId,
      actorIp: request.ip,
      details: { login, ...(extra.reason === undefined ? {} : { reason: extra.reason }) },
    });

  app.post(
    '/api/auth/login',
    {
      onRequest: limits.perIp,
      schema: {
        operationId: 'login',
        tags: ['auth'],
        summary: 'Sign in with email or username and password',
        description:
          'Returns a short-lived access token and a single-use refresh token. Limited per client address, and per login once its failed attempts in 15 minutes reach AUTH_RATE_LIMIT_PER_ACCOUNT (then 429 even with the right password until the window ends).',
        body: LoginBodySchema,
        response: { 200: TokenPairSchema, ...problemResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const login = request.body.login.trim().toLowerCase();
      const { password } = request.body;
      let attempt: LoginAttempt;
      try {
        attempt = await limits.beginLogin(login);
      } catch (error) {
        if (error instanceof AppError && error.status === 429) {
          await audit(request, 'denied', login, { reason: 'account_locked' });
        }
        throw error;
      }
      const verdict = await checkPassword(
        await context.registry.users.findCredentials(login),
        password,
        dummyPasswordHash,
      );
      if (!verdict.ok) {
        await audit(request, 'failure', login, { userId: verdict.userId, reason: verdict.reason });
        throw accountErrors.GW_INVALID_CREDENTIALS({});
      }
      const { user, storedHash } = verdict;
      await attempt.succeeded();
      if (needsRehash(storedHash)) await rehash(context, request, user.id, password);
      const refresh = await context.refreshTokens.issue(user.id, clientMeta(request));
      await audit(request, 'success', login, { userId: user.id });
      noStore(reply);
      return tokenPair(context, user, refresh);
    },
  );
}

/** The outcome of checking a password against a login's stored credentials. */
type Verdict =
  | { readonly ok: true; readonly user: User; readonly storedHash: string }
  | { readonly ok: false; readonly reason: LoginFailure; readonly userId?: string };

async function checkPassword(
  credentials: UserCredentials | undefined,
  password: string,
  dummyPasswordHash: string,
): Promise<Verdict> {
  const storedHash = credentials?.passwordHash ?? null;
  // Verified even when the answer is already known, so that every failure takes as long.
  const matches = await verifyPassword(password, storedHash ?? dummyPasswordHash);
  if (credentials === undefined) return { ok: false, reason: 'unknown_login' };
  const { user } = credentials;
  if (storedHash === null) return { ok: false, reason: 'no_password', userId: user.id };
  if (!matches) return { ok: false, reason: 'wrong_password', userId: user.id };
  if (user.disabled) return { ok: false, reason: 'disabled', userId: user.id };
  return { ok: true, user, storedHash };
}

/** Upgrades a hash made with older parameters; a failure here must not fail the sign-in. */
async function rehash(
  context: GatewayContext,
  request: FastifyRequest,
  userId: string,
  password: string,
): Promise<void> {
  try {
    await context.registry.users.setPasswordHash(userId, await hashPassword(password));
  } catch (error) {
    request.log.warn({ err: error, userId }, 'password hash upgrade failed');
  }
}

import fastifyPlugin from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { JwksUnavailableError, JwtVerificationError } from '@pyairtable/kit';
import type { ServiceApp } from '@pyairtable/kit';
import type { PlatformRole } from '@pyairtable/registry';
import { gatewayErrors } from '../gateway-errors.ts';
import type { GatewayContext } from '../gateway-context.ts';

/** The signed-in user a request acts for. */
export interface Caller {
  readonly userId: string;
  readonly email: string;
  readonly platformRole: PlatformRole;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler: requires a valid access token and sets `request.caller`. */
    authenticate(request: FastifyRequest): Promise<void>;
    /** preHandler: like `authenticate`, and requires the platform admin role. */
    requireAdmin(request: FastifyRequest): Promise<void>;
  }
  interface FastifyRequest {
    /** Set by `authenticate`; reading it on a route without it throws. */
    readonly caller: Caller;
  }
}

const callers = new WeakMap<FastifyRequest, Caller>();

/**
 * Authentication for the gateway's own routes: a bearer access token, verified against the
 * gateway's current keys, and the user it names looked up in the registry (so a disabled
 * account or a demoted admin loses access at once, not when the token expires).
 */
export const authenticatePlugin = fastifyPlugin(
  (app: ServiceApp, context: GatewayContext) => {
    const authenticate = async (request: FastifyRequest): Promise<void> => {
      const token = bearerToken(request);
      let userId: string;
      try {
        userId = (await context.verifier.verify(token)).sub;
      } catch (error) {
        if (error instanceof JwtVerificationError) {
          const hint = error.reason === 'expired' ? ' Refresh it with /api/auth/refresh.' : '';
          throw gatewayErrors.GW_UNAUTHENTICATED(
            { reason: `The access token was rejected (${error.reason}).${hint}` },
            error,
          );
        }
        if (error instanceof JwksUnavailableError)
          throw gatewayErrors.GW_IDENTITY_UNAVAILABLE({}, error);
        throw error;
      }
      const user = await context.registry.users.get(userId);
      if (user === undefined || user.disabled) {
        throw gatewayErrors.GW_UNAUTHENTICATED({
          reason: 'This account no longer exists or is disabled.',
        });
      }
      callers.set(request, { userId: user.id, email: user.email, platformRole: user.platformRole });
    };
    app.decorate('authenticate', authenticate);
    app.decorate('requireAdmin', async (request: FastifyRequest) => {
      await authenticate(request);
      if (request.caller.platformRole !== 'admin') {
        throw gatewayErrors.GW_FORBIDDEN({ reason: 'This needs the platform admin role.' });
      }
    });
    app.decorateRequest('caller', {
      getter(this: FastifyRequest): Caller {
        const caller = callers.get(this);
        if (caller === undefined)
          throw new Error('request.caller read on a route without authenticate');
        return caller;
      },
    });
  },
  { name: 'pyairtable-gateway-authenticate', fastify: '5.x' },
);

function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  const token = match?.[1];
  if (token === undefined) {
    throw gatewayErrors.GW_UNAUTHENTICATED({
      reason: 'Send "Authorization: Bearer <access token>" (from /api/auth/login).',
    });
  }
  return token;
}

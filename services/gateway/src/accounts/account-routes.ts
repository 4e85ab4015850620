import { randomBytes } from 'node:crypto';
import type { ServiceApp } from '@pyairtable/kit';
import type { GatewayContext } from '../gateway-context.ts';
import { hashPassword } from '../tokens/index.ts';
import { createAuthRateLimits } from './auth-rate-limits.ts';
import { loginRoute } from './login-route.ts';
import { logoutRoute } from './logout-route.ts';
import { meRoute } from './me-route.ts';
import { refreshRoute } from './refresh-route.ts';
import { registerRoute } from './register-route.ts';

/**
 * Accounts and sessions under `/api/auth`: register, login, refresh, logout and me, with
 * brute-force limits shared across replicas through `context.store`. Needs
 * `authenticatePlugin` registered before it: `await app.register(accountRoutes, context)`.
 */
export async function accountRoutes(app: ServiceApp, context: GatewayContext): Promise<void> {
  if (!app.hasDecorator('authenticate')) {
    throw new Error('accountRoutes needs authenticatePlugin registered before it');
  }
  const limits = createAuthRateLimits(context.store, context.config);
  // A hash of a password nobody knows, verified when a login names no user or one without a
  // password, so that the answer takes as long as for a real account.
  const dummyPasswordHash = await hashPassword(randomBytes(32).toString('base64url'));
  registerRoute(app, context, limits);
  loginRoute(app, context, limits, dummyPasswordHash);
  refreshRoute(app, context, limits);
  logoutRoute(app, context);
  meRoute(app, context);
}

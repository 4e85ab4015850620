import type { FastifyRequest } from 'fastify';
import type { SharedStore } from '@pyairtable/kit';
import type { GatewayConfig } from '../config.ts';
import { gatewayErrors } from '../gateway-errors.ts';

const IP_WINDOW_MS = 60_000;
const ACCOUNT_WINDOW_MS = 15 * 60_000;

/** One sign-in attempt counted against its login until it proves the password right. */
export interface LoginAttempt {
  /** The password was right: forget the login's failures. */
  succeeded(): Promise<void>;
}

/** The brute-force limits of the auth routes, shared by all replicas through the store. */
export interface AuthRateLimits {
  /** `onRequest` hook: spends one attempt of the client address; 429 when none is left. */
  readonly perIp: (request: FastifyRequest) => Promise<void>;
  /**
   * Counts an attempt for `login` before its password is checked, so parallel guesses cannot
   * slip past the limit; 429 once the failures of the window are used up, whatever the
   * password. Unknown logins are counted alike, so a lockout says nothing about existence.
   */
  beginLogin(login: string): Promise<LoginAttempt>;
}

/**
 * The auth routes' limits: `AUTH_RATE_LIMIT_PER_IP` attempts per minute per client address
 * (GCRA, so bursts are bounded too), and `AUTH_RATE_LIMIT_PER_ACCOUNT` failed sign-ins per
 * login in a fixed 15-minute window that starts at the first failure.
 */
export function createAuthRateLimits(
  store: SharedStore,
  config: Pick<GatewayConfig, 'AUTH_RATE_LIMIT_PER_IP' | 'AUTH_RATE_LIMIT_PER_ACCOUNT'>,
  now: () => number = Date.now,
): AuthRateLimits {
  return {
    async perIp(request) {
      const decision = await store.consume(`auth:ip:${request.ip}`, {
        limit: config.AUTH_RATE_LIMIT_PER_IP,
        windowMs: IP_WINDOW_MS,
      });
      if (!decision.allowed) {
        throw gatewayErrors.GW_RATE_LIMITED({
          limit: `At most ${config.AUTH_RATE_LIMIT_PER_IP} sign-in, registration and refresh attempts per minute from one address`,
          retryAfterSeconds: wholeSeconds(decision.retryAfterMs),
        });
      }
    },

    async beginLogin(login) {
      const key = `auth:account:${login.trim().toLowerCase()}`;
      // The counter cannot tell when its window ends, so the first attempt writes it down.
      const windowEndKey = `${key}:until`;
      const attempts = await store.increment(key, 1, ACCOUNT_WINDOW_MS);
      if (attempts === 1) {
        await store.set(windowEndKey, now() + ACCOUNT_WINDOW_MS, ACCOUNT_WINDOW_MS);
      }
      if (attempts > config.AUTH_RATE_LIMIT_PER_ACCOUNT) {
        const windowEnd = await store.get(windowEndKey);
        const retryAfterMs = typeof windowEnd === 'number' ? windowEnd - now() : ACCOUNT_WINDOW_MS;
        throw gatewayErrors.GW_RATE_LIMITED({
          limit: `Too many failed sign-ins for this account (at most ${config.AUTH_RATE_LIMIT_PER_ACCOUNT} per 15 minutes)`,
          retryAfterSeconds: wholeSeconds(retryAfterMs),
        });
      }
      return {
        async succeeded() {
          await Promise.all([store.delete(key), store.delete(windowEndKey)]);
        },
      };
    },
  };
}

/** Retry-After in whole seconds, never 0: "retry now" would invite an immediate retry storm. */
function wholeSeconds(milliseconds: number): number {
  return Math.max(1, Math.ceil(milliseconds / 1000));
}

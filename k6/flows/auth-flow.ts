/**
 * Auth: a client signs in, then renews its tokens twice as a long-lived session would
 * (each refresh token is single use: the second refresh must use the pair the first gave).
 * Sign-in hashes the password with scrypt on purpose, so it is the costliest request here.
 */
import { check } from 'k6';
import { login, refresh } from '../lib/gateway-auth.ts';
import { config, credentials } from '../lib/run-context.ts';
import type { WorkloadDefinition } from '../lib/script-options.ts';
import { thinkTime } from '../lib/think-time.ts';

export const authWorkload: WorkloadDefinition = {
  scenario: 'auth',
  exec: 'authFlow',
  vus: 2,
  needsAirtable: false,
  endpoints: {
    auth_login: { p95: 1000, p99: 2000 },
    auth_refresh: { p95: 300, p99: 600 },
  },
};

/** One sign-in and two refreshes. */
export function authFlow(): void {
  const signedIn = login(config.baseUrl, credentials);
  check(signedIn.response, {
    'login: 200 with a token pair': () => signedIn.pair !== undefined,
  });
  let pair = signedIn.pair;
  for (let renewal = 0; renewal < 2 && pair !== undefined; renewal += 1) {
    thinkTime(0.5, 1.5);
    const previous = pair.refreshToken;
    const renewed = refresh(config.baseUrl, previous);
    check(renewed.response, {
      'refresh: 200 with a new refresh token': () =>
        renewed.pair !== undefined && renewed.pair.refreshToken !== previous,
    });
    pair = renewed.pair;
  }
  thinkTime(1, 3);
}

/**
 * The access token a VU sends. VUs start with the one `setup()` got; access tokens live
 * minutes (ACCESS_TOKEN_TTL_SECONDS, 15 by default), so once it is about to expire each VU
 * signs in on its own and from then on refreshes its own pair. Refresh tokens are single use
 * and a reused one ends the sign-in, which is why VUs never share one. The requests carry
 * `session_*` endpoint tags: they are upkeep, not the auth workload.
 */
import { login, refresh } from './gateway-auth.ts';
import type { TokenPair } from './gateway-auth.ts';
import type { Credentials } from './run-config.ts';
import type { RunData } from './run-setup.ts';

/** Renew this long before expiry, so no request leaves with a token that lapses on the way. */
const RENEW_BEFORE_MS = 60_000;

// Module state is per VU: every VU runs its own copy of the script.
let own: TokenPair | undefined;

function fresh(pair: TokenPair): boolean {
  return pair.expiresAtMs - Date.now() > RENEW_BEFORE_MS;
}

/** A valid access token for this VU. */
export function accessToken(baseUrl: string, data: RunData, credentials: Credentials): string {
  if (own === undefined && fresh(data.session)) return data.session.accessToken;
  if (own !== undefined && fresh(own)) return own.accessToken;
  const renewed =
    own === undefined ? undefined : refresh(baseUrl, own.refreshToken, 'session_refresh').pair;
  const pair = renewed ?? login(baseUrl, credentials, 'session_login').pair;
  if (pair === undefined) throw new Error(`${credentials.login} could not sign in again`);
  own = pair;
  return pair.accessToken;
}

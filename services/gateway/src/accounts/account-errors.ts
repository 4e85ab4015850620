import { defineErrors } from '@pyairtable/kit';

// A 401 must say how to authenticate (RFC 9110 §15.5.2), as GW_UNAUTHENTICATED does.
const bearerChallenge = (): Readonly<Record<string, string>> => ({
  'www-authenticate': 'Bearer realm="pyairtable"',
});

/** Errors of sign-up and sign-in, beside the gateway's shared `gatewayErrors`. */
export const accountErrors = defineErrors({
  GW_INVALID_CREDENTIALS: {
    status: 401,
    title: 'Sign-in failed',
    // One wording for an unknown login, a wrong password and a disabled account, so the
    // answer never tells which accounts exist.
    detail: () => 'The login or password is wrong.',
    headers: bearerChallenge,
  },
  GW_INVALID_REFRESH_TOKEN: {
    status: 401,
    title: 'Refresh token rejected',
    detail: () =>
      'The refresh token is invalid, expired, revoked or already used; sign in again with /api/auth/login.',
    headers: bearerChallenge,
  },
  GW_REGISTRATION_CLOSED: {
    status: 403,
    title: 'Registration closed',
    detail: () => 'Registration is closed on this deployment; ask an administrator for an account.',
  },
  GW_ACCOUNT_EXISTS: {
    status: 409,
    title: 'Account exists',
    // Deliberately vague: naming the taken field would confirm which email is registered.
    detail: () => 'An account with that email or username already exists.',
  },
});

import { describe, expect, it } from 'vitest';
import { useGateway } from '../support/gateway-harness.ts';
import { PASSWORD, freshAddress, registerAccount } from './auth-requests.ts';

const gateway = useGateway();

interface Problem {
  readonly code: string;
  readonly detail: string;
  readonly errors?: readonly { readonly field: string }[];
}

function register(body: Record<string, unknown>) {
  return gateway.request({
    method: 'POST',
    url: '/api/auth/register',
    body,
    remoteAddress: freshAddress(),
  });
}

describe('POST /api/auth/register', () => {
  it.each([
    ['password', { email: 'short@example.com', password: 'too short' }],
    ['email', { email: 'not-an-email', password: PASSWORD }],
    ['username', { email: 'at@example.com', username: 'at@sign', password: PASSWORD }],
    ['username', { email: 'tiny@example.com', username: 'ab', password: PASSWORD }],
    ['password', { email: 'none@example.com' }],
  ])('answers 400 naming the invalid %s', async (field, body) => {
    const response = await register(body);
    expect(response.statusCode).toBe(400);
    const problem = response.json<Problem>();
    expect(problem.code).toBe('KIT_VALIDATION_FAILED');
    expect(problem.errors?.map((error) => error.field)).toContain(field);
  });

  it('names the user after the username, else the email, when no display name is given', async () => {
    const named = await register({
      email: 'alan@example.com',
      username: 'alan.t',
      password: PASSWORD,
    });
    expect(named.json<{ user: { displayName: string } }>().user.displayName).toBe('alan.t');
    const unnamed = await register({ email: 'barbara@example.com', password: PASSWORD });
    expect(unnamed.json<{ user: { displayName: string; username: null } }>().user).toMatchObject({
      displayName: 'barbara',
      username: null,
    });
  });

  it('answers 409 for a taken email or username without saying which', async () => {
    await registerAccount(gateway, { email: 'taken@example.com', username: 'taken' });
    const sameEmail = await register({ email: 'TAKEN@example.com', password: PASSWORD });
    const sameUsername = await register({
      email: 'other@example.com',
      username: 'taken',
      password: PASSWORD,
    });
    for (const response of [sameEmail, sameUsername]) {
      expect(response.statusCode).toBe(409);
      expect(response.json<Problem>().code).toBe('GW_ACCOUNT_EXISTS');
    }
    expect(sameEmail.json<Problem>().detail).toBe(sameUsername.json<Problem>().detail);
  });
});

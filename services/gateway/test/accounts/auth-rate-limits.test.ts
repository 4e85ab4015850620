import { describe, expect, it } from 'vitest';
import { useGateway } from '../support/gateway-harness.ts';
import { PASSWORD, freshAddress, login, registerAccount } from './auth-requests.ts';

const gateway = useGateway({
  AUTH_RATE_LIMIT_PER_IP: '3',
  AUTH_RATE_LIMIT_PER_ACCOUNT: '3',
});

interface RateLimited {
  readonly code: string;
  readonly retryAfterSeconds: number;
}

describe('brute-force limits of the auth routes', () => {
  it('allows AUTH_RATE_LIMIT_PER_IP attempts per minute from one address, register and refresh included', async () => {
    const address = freshAddress();
    const attempts = [
      { url: '/api/auth/login', body: { login: 'someone@example.com', password: 'guess' } },
      { url: '/api/auth/refresh', body: { refreshToken: 'rt_guess.guess' } },
      { url: '/api/auth/register', body: { email: 'x@example.com', password: 'short' } },
    ];
    for (const { url, body } of attempts) {
      const response = await gateway.request({ method: 'POST', url, body, remoteAddress: address });
      expect(response.statusCode).not.toBe(429);
    }
    const limited = await login(gateway, 'someone@example.com', 'guess', address);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.json<RateLimited>()).toMatchObject({ code: 'GW_RATE_LIMITED' });

    const elsewhere = await login(gateway, 'someone@example.com', 'guess', freshAddress());
    expect(elsewhere.statusCode).toBe(401);
  });

  it('locks a login after AUTH_RATE_LIMIT_PER_ACCOUNT failures, even for the right password', async () => {
    await registerAccount(gateway, { email: 'victim@example.com' });
    await registerAccount(gateway, { email: 'bystander@example.com' });
    // Each guess from another address: the account limit holds across addresses.
    for (const variant of ['victim@example.com', 'VICTIM@example.com', ' victim@example.com']) {
      expect((await login(gateway, variant, 'wrong guess')).statusCode).toBe(401);
    }
    const locked = await login(gateway, 'victim@example.com', PASSWORD);
    expect(locked.statusCode).toBe(429);
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(locked.json<RateLimited>().retryAfterSeconds).toBe(retryAfter);

    expect((await login(gateway, 'bystander@example.com', PASSWORD)).statusCode).toBe(200);
    const { rows } = await gateway.pool.query(
      `select 1 from gateway_audit_log
        where action = 'auth.login' and outcome = 'denied' and details->>'login' = 'victim@example.com'`,
    );
    expect(rows).toHaveLength(1);
  });

  it('locks unknown logins the same way, so a lockout says nothing about existence', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await login(gateway, 'nobody@example.com', 'guess')).statusCode).toBe(401);
    }
    expect((await login(gateway, 'nobody@example.com', 'guess')).statusCode).toBe(429);
  });

  it('forgets failures after a successful sign-in', async () => {
    await registerAccount(gateway, { email: 'forgetful@example.com' });
    for (let round = 0; round < 2; round += 1) {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        expect((await login(gateway, 'forgetful@example.com', 'typo')).statusCode).toBe(401);
      }
      expect((await login(gateway, 'forgetful@example.com', PASSWORD)).statusCode).toBe(200);
    }
  });
});

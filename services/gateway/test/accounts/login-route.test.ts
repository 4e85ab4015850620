import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { needsRehash } from '../../src/tokens/index.ts';
import { useGateway } from '../support/gateway-harness.ts';
import { PASSWORD, freshAddress, login, registerAccount, signIn } from './auth-requests.ts';

const gateway = useGateway({ AUTH_RATE_LIMIT_PER_ACCOUNT: '100' });

/** The parts of a problem that do not change per request. */
function stableProblem(response: LightMyRequestResponse) {
  const problem = Object.fromEntries(
    Object.entries(response.json<Record<string, unknown>>()).filter(([key]) => key !== 'requestId'),
  );
  return {
    status: response.statusCode,
    contentType: response.headers['content-type'],
    challenge: response.headers['www-authenticate'],
    problem,
  };
}

async function median(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[2] ?? 0;
}

describe('POST /api/auth/login', () => {
  it('answers a wrong password and an unknown login alike, and about as slowly', async () => {
    await registerAccount(gateway, { email: 'real@example.com' });
    const wrongPassword = await login(gateway, 'real@example.com', 'not the password at all');
    const unknownLogin = await login(gateway, 'nobody@example.com', 'not the password at all');
    expect(wrongPassword.statusCode).toBe(401);
    expect(stableProblem(unknownLogin)).toEqual(stableProblem(wrongPassword));
    expect(wrongPassword.json<{ code: string }>().code).toBe('GW_INVALID_CREDENTIALS');

    // Both pay for one scrypt verification; skipping it for unknown logins would be ~10x faster.
    const known = await median(() => login(gateway, 'real@example.com', 'wrong password'));
    const unknown = await median(() => login(gateway, 'ghost@example.com', 'wrong password'));
    expect(unknown).toBeGreaterThan(known / 2);
  });

  it('refuses a disabled account like a wrong password, and its tokens stop working', async () => {
    const userId = await registerAccount(gateway, { email: 'leaving@example.com' });
    const tokens = await signIn(gateway, 'leaving@example.com');
    const reference = await login(gateway, 'leaving@example.com', 'wrong password');
    await gateway.registry.users.setDisabled(userId, true);

    const refused = await login(gateway, 'leaving@example.com', PASSWORD);
    expect(stableProblem(refused)).toEqual(stableProblem(reference));
    const meResponse = await gateway.request({
      method: 'GET',
      url: '/api/auth/me',
      token: tokens.accessToken,
    });
    expect(meResponse.statusCode).toBe(401);
    const refreshed = await gateway.request({
      method: 'POST',
      url: '/api/auth/refresh',
      body: { refreshToken: tokens.refreshToken },
      remoteAddress: freshAddress(),
    });
    expect(refreshed.statusCode).toBe(401);
  });

  it('refuses an account without a password like a wrong one', async () => {
    await gateway.registry.users.create({
      email: 'nopassword@example.com',
      displayName: 'No password',
    });
    const response = await login(gateway, 'nopassword@example.com', PASSWORD);
    expect(response.statusCode).toBe(401);
    expect(response.json<{ code: string }>().code).toBe('GW_INVALID_CREDENTIALS');
  });

  it('upgrades a password hash made with older parameters at sign-in', async () => {
    const salt = randomBytes(16);
    const hash = scryptSync(PASSWORD, salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    const legacy = [
      'scrypt',
      2 ** 14,
      8,
      1,
      salt.toString('base64url'),
      hash.toString('base64url'),
    ];
    const { users } = gateway.registry;
    await users.create({
      email: 'legacy@example.com',
      displayName: 'Legacy',
      passwordHash: legacy.join('$'),
    });
    await signIn(gateway, 'legacy@example.com');
    const stored = await users.findCredentials('legacy@example.com');
    expect(stored?.passwordHash).not.toBe(legacy.join('$'));
    expect(needsRehash(stored?.passwordHash ?? '')).toBe(false);
    await signIn(gateway, 'legacy@example.com');
  });

  it('audits successes and failures, never with the password', async () => {
    const secret = 'an audited secret password';
    const userId = await registerAccount(gateway, {
      email: 'audited@example.com',
      password: secret,
    });
    await signIn(gateway, 'audited@example.com', secret);
    await login(gateway, 'audited@example.com', `${secret}!`);

    const { rows } = await gateway.pool.query<{
      outcome: string;
      actor_user_id: string | null;
      details: { login: string; reason?: string };
      row: string;
    }>(
      `select outcome, actor_user_id, details, row_to_json(a)::text as row
         from gateway_audit_log a where action = 'auth.login' and details->>'login' = $1
        order by id`,
      ['audited@example.com'],
    );
    expect(rows.map(({ outcome, actor_user_id }) => [outcome, actor_user_id])).toEqual([
      ['success', userId],
      ['failure', userId],
    ]);
    expect(rows[1]?.details.reason).toBe('wrong_password');
    const { rows: everything } = await gateway.pool.query<{ row: string }>(
      'select row_to_json(a)::text as row from gateway_audit_log a',
    );
    expect(everything.length).toBeGreaterThan(2);
    for (const { row } of everything) expect(row).not.toContain(secret);
  });
});

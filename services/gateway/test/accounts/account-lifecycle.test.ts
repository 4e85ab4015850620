import { describe, expect, it } from 'vitest';
import { createJwtVerifier } from '@pyairtable/kit';
import type { TokenPair } from '../../src/accounts/account-schemas.ts';
import type { Jwks } from '../../src/tokens/index.ts';
import { useGateway } from '../support/gateway-harness.ts';
import type { GatewayHarness } from '../support/gateway-harness.ts';
import { PASSWORD, freshAddress, registerAccount, signIn } from './auth-requests.ts';

const gateway = useGateway();

function refresh(harness: GatewayHarness, refreshToken: string) {
  return harness.request({
    method: 'POST',
    url: '/api/auth/refresh',
    body: { refreshToken },
    remoteAddress: freshAddress(),
  });
}

function logout(harness: GatewayHarness, refreshToken: string) {
  return harness.request({ method: 'POST', url: '/api/auth/logout', body: { refreshToken } });
}

function me(harness: GatewayHarness, token: string) {
  return harness.request({ method: 'GET', url: '/api/auth/me', token });
}

describe('an account from registration to logout', () => {
  it('registers, signs in by email and by username, refreshes, catches reuse and logs out', async () => {
    const registered = await gateway.request({
      method: 'POST',
      url: '/api/auth/register',
      body: { email: 'ada@example.com', username: 'ada', displayName: 'Ada', password: PASSWORD },
    });
    expect(registered.statusCode).toBe(201);
    const { user } = registered.json<{ user: Record<string, unknown> }>();
    expect(user).toMatchObject({
      email: 'ada@example.com',
      username: 'ada',
      displayName: 'Ada',
      platformRole: 'user',
    });
    expect(Object.keys(user)).not.toContain('passwordHash');

    const byEmail = await signIn(gateway, 'ADA@example.com');
    expect(byEmail.tokenType).toBe('Bearer');
    expect(byEmail.expiresIn).toBe(gateway.context.config.ACCESS_TOKEN_TTL_SECONDS);
    const byUsername = await signIn(gateway, 'ada');

    const profile = await me(gateway, byEmail.accessToken);
    expect(profile.statusCode).toBe(200);
    expect(profile.json<{ user: { id: string } }>().user.id).toBe(user['id']);

    const first = await refresh(gateway, byEmail.refreshToken);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    const next = first.json<TokenPair>();
    expect(next.refreshToken).not.toBe(byEmail.refreshToken);
    expect((await me(gateway, next.accessToken)).statusCode).toBe(200);

    // The first refresh token again: someone kept a copy, so the whole sign-in ends.
    const reused = await refresh(gateway, byEmail.refreshToken);
    expect(reused.statusCode).toBe(401);
    expect(reused.json<{ code: string }>().code).toBe('GW_INVALID_REFRESH_TOKEN');
    expect((await refresh(gateway, next.refreshToken)).statusCode).toBe(401);
    const { rows } = await gateway.pool.query(
      "select 1 from gateway_audit_log where action = 'auth.refresh_reuse'",
    );
    expect(rows).toHaveLength(1);

    // The other sign-in is a family of its own and lives on until it logs out.
    expect((await logout(gateway, byUsername.refreshToken)).statusCode).toBe(204);
    expect((await refresh(gateway, byUsername.refreshToken)).statusCode).toBe(401);
    expect((await logout(gateway, byUsername.refreshToken)).statusCode).toBe(204);
    expect((await logout(gateway, 'rt_unknown.token')).statusCode).toBe(204);
  });

  it('issues access tokens that verify against the JWKS the app publishes', async () => {
    const userId = await registerAccount(gateway, { email: 'grace@example.com' });
    const { accessToken } = await signIn(gateway, 'grace@example.com');
    const jwks = (
      await gateway.request({ method: 'GET', url: '/.well-known/jwks.json' })
    ).json<Jwks>();
    const verifier = createJwtVerifier({
      jwks: { keys: [...jwks.keys] },
      issuer: 'pyairtable',
      audience: 'pyairtable',
    });
    const claims = await verifier.verify(accessToken);
    expect(claims.sub).toBe(userId);
    expect(claims['email']).toBe('grace@example.com');
    expect(claims['role']).toBe('user');
    expect(typeof claims['sid']).toBe('string');
  });

  it("lists the workspaces the user's email is a member of on /me", async () => {
    await registerAccount(gateway, { email: 'Linus@Example.com' });
    const { registry } = gateway.context;
    const tenant = await registry.tenants.create({ name: 'acme', displayName: 'Acme' });
    const workspace = await registry.workspaces.create({
      tenantId: tenant.id,
      name: 'sales',
      displayName: 'Sales',
    });
    await registry.members.upsert(workspace.id, { email: 'linus@example.com', role: 'editor' });
    const { accessToken } = await signIn(gateway, 'linus@example.com');

    const response = await me(gateway, accessToken);
    expect(response.statusCode).toBe(200);
    expect(response.json<{ workspaces: unknown[] }>().workspaces).toEqual([
      {
        id: workspace.id,
        name: 'sales',
        displayName: 'Sales',
        tenantId: tenant.id,
        role: 'editor',
      },
    ]);
  });

  it('answers /me without a token with 401', async () => {
    const response = await gateway.request({ method: 'GET', url: '/api/auth/me' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});

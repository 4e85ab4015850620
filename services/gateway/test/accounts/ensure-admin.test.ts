import { describe, expect, it } from 'vitest';
import { ensureAdmin } from '../../src/accounts/ensure-admin.ts';
import type { GatewayConfig } from '../../src/config.ts';
import { useGateway } from '../support/gateway-harness.ts';
import type { GatewayHarness } from '../support/gateway-harness.ts';
import { PASSWORD, login, registerAccount, signIn } from './auth-requests.ts';

const gateway = useGateway();

const ADMIN_PASSWORD = 'an admin password from the deployment';

/** ensureAdmin on the gateway's registry with ADMIN_EMAIL and, if given, ADMIN_PASSWORD. */
function ensureAdminWith(harness: GatewayHarness, email: string, password?: string) {
  // The harness's config sets neither variable.
  const config: GatewayConfig = {
    ...harness.context.config,
    ADMIN_EMAIL: email,
    ...(password === undefined ? {} : { ADMIN_PASSWORD: password }),
  };
  return ensureAdmin({ ...harness.context, config });
}

async function roleOf(harness: GatewayHarness, email: string) {
  return (await harness.registry.users.getByEmail(email))?.platformRole;
}

describe('ensureAdmin', () => {
  it('does nothing without ADMIN_EMAIL', async () => {
    expect(gateway.context.config.ADMIN_EMAIL).toBeUndefined();
    expect(await ensureAdmin(gateway.context)).toEqual({ action: 'skipped' });
  });

  it('creates the admin with ADMIN_PASSWORD, then leaves it alone', async () => {
    const created = await ensureAdminWith(gateway, 'root@example.com', ADMIN_PASSWORD);
    expect(created.action).toBe('created');
    expect(await roleOf(gateway, 'root@example.com')).toBe('admin');
    const { accessToken } = await signIn(gateway, 'root@example.com', ADMIN_PASSWORD);
    const me = await gateway.request({ method: 'GET', url: '/api/auth/me', token: accessToken });
    expect(me.json<{ user: { platformRole: string } }>().user.platformRole).toBe('admin');

    expect((await ensureAdminWith(gateway, 'root@example.com', ADMIN_PASSWORD)).action).toBe(
      'unchanged',
    );
    // Once the account exists the deployment may drop the password from its secrets.
    expect((await ensureAdminWith(gateway, 'root@example.com')).action).toBe('unchanged');
  });

  it('promotes an existing user without changing their password', async () => {
    await registerAccount(gateway, { email: 'promoted@example.com' });
    const promoted = await ensureAdminWith(gateway, 'Promoted@example.com', ADMIN_PASSWORD);
    expect(promoted.action).toBe('promoted');
    expect(await roleOf(gateway, 'promoted@example.com')).toBe('admin');
    await signIn(gateway, 'promoted@example.com', PASSWORD);
    expect((await login(gateway, 'promoted@example.com', ADMIN_PASSWORD)).statusCode).toBe(401);
    expect((await ensureAdminWith(gateway, 'promoted@example.com', ADMIN_PASSWORD)).action).toBe(
      'unchanged',
    );
    const { rows } = await gateway.pool.query<{ details: { change: string } }>(
      `select details from gateway_audit_log where action = 'admin.change' order by id`,
    );
    expect(rows.map(({ details }) => details.change)).toEqual(['created', 'promoted']);
  });

  it('refuses to create the admin without ADMIN_PASSWORD', async () => {
    await expect(ensureAdminWith(gateway, 'nopass@example.com')).rejects.toThrow(/ADMIN_PASSWORD/);
    expect(await roleOf(gateway, 'nopass@example.com')).toBeUndefined();
  });
});

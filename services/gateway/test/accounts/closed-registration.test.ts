import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/tokens/index.ts';
import { PASSWORD, signIn, useAccountsGateway } from './accounts-harness.ts';

const gateway = useAccountsGateway({ REGISTRATION: 'closed' });

describe('REGISTRATION=closed', () => {
  it('refuses registration with 403, whatever the body', async () => {
    for (const body of [{ email: 'new@example.com', password: PASSWORD }, {}]) {
      const response = await gateway.request({ method: 'POST', url: '/api/auth/register', body });
      expect(response.statusCode).toBe(403);
      expect(response.json<{ code: string }>().code).toBe('GW_REGISTRATION_CLOSED');
    }
    expect(await gateway.context.registry.users.getByEmail('new@example.com')).toBeUndefined();
  });

  it('still lets accounts made otherwise sign in', async () => {
    await gateway.context.registry.users.create({
      email: 'made@example.com',
      displayName: 'Made by an admin',
      passwordHash: await hashPassword(PASSWORD),
    });
    expect((await signIn(gateway, 'made@example.com')).accessToken).not.toBe('');
  });
});

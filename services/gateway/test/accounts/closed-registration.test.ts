import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/tokens/index.ts';
import { useGateway } from '../support/gateway-harness.ts';
import { PASSWORD, signIn } from './auth-requests.ts';

const gateway = useGateway({ REGISTRATION: 'closed' });

describe('REGISTRATION=closed', () => {
  it('refuses registration with 403, whatever the body', async () => {
    for (const body of [{ email: 'new@example.com', password: PASSWORD }, {}]) {
      const response = await gateway.request({ method: 'POST', url: '/api/auth/register', body });
      expect(response.statusCode).toBe(403);
      expect(response.json<{ code: string }>().code).toBe('GW_REGISTRATION_CLOSED');
    }
    expect(await gateway.registry.users.getByEmail('new@example.com')).toBeUndefined();
  });

  it('still lets accounts made otherwise sign in', async () => {
    await gateway.registry.users.create({
      email: 'made@example.com',
      displayName: 'Made by an admin',
      passwordHash: await hashPassword(PASSWORD),
    });
    expect((await signIn(gateway, 'made@example.com')).accessToken).not.toBe('');
  });
});

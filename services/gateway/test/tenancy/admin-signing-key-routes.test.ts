import { describe, expect, it } from 'vitest';
import { useGateway } from '../support/gateway-harness.ts';

const harness = useGateway();

interface Jwks {
  keys: { kid: string }[];
}

function kidOf(token: string): string {
  const [header] = token.split('.');
  return (JSON.parse(Buffer.from(header ?? '', 'base64url').toString()) as { kid: string }).kid;
}

describe('POST /api/admin/signing-keys/rotate', () => {
  it('signs new tokens with a new key while tokens of the old one keep working', async () => {
    const { token: adminToken } = await harness.signUp('rotator@platform.test', 'admin');
    const { token: userToken } = await harness.signUp('rotated@platform.test');
    const oldKid = kidOf(userToken);

    const rotated = await harness.request({
      method: 'POST',
      url: '/api/admin/signing-keys/rotate',
      token: adminToken,
      body: {},
    });
    expect(rotated.statusCode).toBe(200);
    const rotation = rotated.json<{ kid: string; retiredKid: string | null }>();
    expect(rotation.retiredKid).toBe(oldKid);
    expect(rotation.kid).not.toBe(oldKid);

    const jwks = (
      await harness.request({ method: 'GET', url: '/.well-known/jwks.json' })
    ).json<Jwks>();
    expect(jwks.keys.map((key) => key.kid).sort()).toEqual([oldKid, rotation.kid].sort());
    const me = await harness.request({ method: 'GET', url: '/api/auth/me', token: userToken });
    expect(me.statusCode).toBe(200);
    // Signed in through the app that rotated (other replicas pick the key up within their
    // key cache's lifetime).
    const credentials = {
      email: 'after-rotation@platform.test',
      password: 'a long enough password',
    };
    await harness.request({ method: 'POST', url: '/api/auth/register', body: credentials });
    const login = await harness.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { login: credentials.email, password: credentials.password },
    });
    expect(kidOf(login.json<{ accessToken: string }>().accessToken)).toBe(rotation.kid);

    const audited = await harness.audit.list({ limit: 10 });
    expect(
      audited.some(
        (entry) => entry.targetType === 'signing_key' && entry.targetId === rotation.kid,
      ),
    ).toBe(true);
  });

  it('is for platform admins only', async () => {
    const { token } = await harness.signUp('not-admin@platform.test');
    const refused = await harness.request({
      method: 'POST',
      url: '/api/admin/signing-keys/rotate',
      token,
      body: {},
    });
    expect(refused.statusCode).toBe(403);
  });
});

import { describe, expect, it } from 'vitest';
import { useGateway } from './support/gateway-harness.ts';

const gateway = useGateway();

describe('the gateway app', () => {
  it('serves a JWKS with a signing key from the first boot', async () => {
    const response = await gateway.request({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(response.statusCode).toBe(200);
    const { keys } = response.json<{ keys: { kid: string; alg: string; d?: string }[] }>();
    expect(keys).toHaveLength(1);
    expect(keys[0]?.d).toBeUndefined();
  });

  it('is ready once Postgres and the store answer', async () => {
    const response = await gateway.request({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
  });
});

import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/create-logger.ts';
import { createServiceApp } from '../../src/server/create-service-app.ts';

async function clientIp(trustProxy: number | string | undefined): Promise<string> {
  const app = createServiceApp({
    logger: createLogger({ service: 'test', level: 'silent' }),
    trustProxy,
  });
  app.get('/ip', (request) => ({ ip: request.ip }));
  const response = await app.inject({
    method: 'GET',
    url: '/ip',
    remoteAddress: '10.0.0.5',
    headers: { 'x-forwarded-for': '203.0.113.7, 198.51.100.2' },
  });
  await app.close();
  return response.json<{ ip: string }>().ip;
}

describe('trustProxy', () => {
  it('takes the peer as the client when nothing is trusted', async () => {
    expect(await clientIp(undefined)).toBe('10.0.0.5');
  });

  it('believes as many forwarding hops as configured', async () => {
    expect(await clientIp(1)).toBe('198.51.100.2');
    expect(await clientIp(2)).toBe('203.0.113.7');
  });

  it('believes listed proxy addresses only', async () => {
    expect(await clientIp('10.0.0.0/8')).toBe('198.51.100.2');
    expect(await clientIp('192.168.0.0/16')).toBe('10.0.0.5');
  });
});

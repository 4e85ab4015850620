import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { findFreePort, isPortFree } from '../../src/net/ports.ts';

describe('ports', () => {
  it('finds a port that can be bound, and sees it taken once something listens', async () => {
    const port = await findFreePort();
    expect(await isPortFree('127.0.0.1', port)).toBe(true);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      expect(await isPortFree('127.0.0.1', port)).toBe(false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

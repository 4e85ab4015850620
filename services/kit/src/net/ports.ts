import { createServer } from 'node:net';
import type { Server } from 'node:net';

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, resolve);
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
}

/**
 * A TCP port nobody listens on right now, chosen by the OS, so suites and stacks running side
 * by side never collide. Nothing reserves it: bind it soon.
 */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  const server = createServer();
  await listen(server, host, 0);
  const address = server.address();
  await close(server);
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/** True when nothing listens on host:port, so a service can bind it. */
export async function isPortFree(host: string, port: number): Promise<boolean> {
  const server = createServer();
  try {
    await listen(server, host, port);
  } catch {
    return false;
  }
  await close(server);
  return true;
}

/**
 * What the platform HTTP benchmark runs against: mcp and the gateway as their own processes,
 * started as `npm start` starts them (Node with the tracing preload), so each has an event
 * loop of its own as in a deployment; Postgres (embedded, or DATABASE_URL) with a seeded
 * registry and the Airtable emulator (no rate limits) in this process.
 */
import path from 'node:path';
import { buildEmulator } from '@pyairtable/airtable-emulator';
import { createMemoryStore, findFreePort } from '@pyairtable/kit';
import { createTempFolder } from '@pyairtable/kit/testing';
import { startServiceProcess, waitUntilReady } from '@pyairtable/local-stack';
import type { ServiceProcess } from '@pyairtable/local-stack';
import { seedRegistry } from '../support/seeded-registry.ts';
import type { SeededRegistry } from '../support/seeded-registry.ts';
import { closeAll } from '../support/close-all.ts';

/** The running services and how to reach them. */
export interface PlatformHttpStack {
  readonly seeded: SeededRegistry;
  /** mcp itself, `http://127.0.0.1:<port>`. */
  readonly mcpUrl: string;
  /** The gateway, forwarding `/api/airtable/*` and `/mcp` to {@link mcpUrl}. */
  readonly gatewayUrl: string;
  /** Requests that reached the emulator so far: cached reads must not add to it. */
  emulatorRequests(): number;
  close(): Promise<void>;
}

// Nothing listens here: the benchmark never sends chat traffic through the gateway.
const UNUSED_CHAT_URL = 'http://127.0.0.1:9';
const root = path.resolve(import.meta.dirname, '../..');

/** Starts Postgres, the registry, the emulator, then mcp and the gateway as processes. */
export async function startPlatformHttpStack(): Promise<PlatformHttpStack> {
  const closers: (() => Promise<void>)[] = [];
  try {
    const store = createMemoryStore();
    closers.push(() => store.close());
    const seeded = await seedRegistry(store);
    closers.push(() => seeded.close());

    const emulator = await buildEmulator({ rateLimits: false });
    let emulatorRequests = 0;
    emulator.server.on('request', () => {
      emulatorRequests += 1;
    });
    const emulatorUrl = await emulator.listen({ host: '127.0.0.1', port: 0 });
    closers.push(() => emulator.close());

    const logs = await createTempFolder();
    const start = async (
      name: string,
      entry: string,
      environment: Record<string, string>,
    ): Promise<ServiceProcess> => {
      const service = startServiceProcess(
        { name, entry, port: await findFreePort() },
        {
          root,
          host: '127.0.0.1',
          logFile: path.join(logs, `${name}.log`),
          environment: {
            DATABASE_URL: seeded.databaseUrl,
            SECRET_ENCRYPTION_KEYS: seeded.encryptionKeys,
            // Request logs off: the numbers are the services' work, not the log file's.
            LOG_LEVEL: 'warn',
            ...environment,
          },
        },
      );
      closers.push(() => service.stop(10_000));
      await waitUntilReady(service, 60_000);
      return service;
    };
    // No Airtable limits overridden: the per-base and per-token limits are production's.
    const mcp = await start('mcp', 'services/mcp/src/server.ts', {
      AIRTABLE_ENDPOINT_URL: emulatorUrl,
    });
    const gateway = await start('gateway', 'services/gateway/src/server.ts', {
      CHAT_URL: UNUSED_CHAT_URL,
      MCP_URL: mcp.url,
    });
    return {
      seeded,
      mcpUrl: mcp.url,
      gatewayUrl: gateway.url,
      emulatorRequests: () => emulatorRequests,
      close: () => closeAll(closers),
    };
  } catch (error) {
    await closeAll(closers);
    throw error;
  }
}

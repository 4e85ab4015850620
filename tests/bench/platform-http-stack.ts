/**
 * What the platform HTTP benchmark runs against, all in this process on loopback: Postgres
 * (embedded, or DATABASE_URL) with a seeded registry, the Airtable emulator (no rate limits)
 * behind the real mcp (Airtable limits as in production), and the real gateway in front of mcp.
 */
import { buildEmulator } from '@pyairtable/airtable-emulator';
import { gatewayApp, gatewayConfigSchema, migrateGateway } from '@pyairtable/gateway';
import { createLogger, createMemoryStore, createServiceApp, loadConfig } from '@pyairtable/kit';
import type { ServiceApp } from '@pyairtable/kit';
import { mcpApp, mcpConfigSchema } from '@pyairtable/mcp';
import { seedRegistry } from '../support/seeded-registry.ts';
import type { SeededRegistry } from '../support/seeded-registry.ts';

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

/** Starts Postgres, the registry, the emulator, mcp and the gateway. */
export async function startPlatformHttpStack(): Promise<PlatformHttpStack> {
  const closers: (() => Promise<void>)[] = [];
  const logger = createLogger({ service: 'bench', level: 'silent' });
  const start = async (register: (app: ServiceApp) => PromiseLike<unknown>): Promise<string> => {
    const app = createServiceApp({ logger });
    closers.push(() => app.close());
    await register(app);
    return (await app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '');
  };
  try {
    const store = createMemoryStore();
    closers.push(() => store.close());
    const seeded = await seedRegistry(store);
    closers.push(() => seeded.close());
    await migrateGateway(seeded.databaseUrl);

    const emulator = await buildEmulator({ rateLimits: false });
    let emulatorRequests = 0;
    emulator.server.on('request', () => {
      emulatorRequests += 1;
    });
    const emulatorUrl = await emulator.listen({ host: '127.0.0.1', port: 0 });
    closers.push(() => emulator.close());
    // No airtableDefaults: the per-base and per-token limits are production's.
    const mcpUrl = await start((app) =>
      app.register(mcpApp, {
        config: loadConfig(mcpConfigSchema, {
          DATABASE_URL: seeded.databaseUrl,
          SECRET_ENCRYPTION_KEYS: seeded.encryptionKeys,
          AIRTABLE_ENDPOINT_URL: emulatorUrl,
        }),
        store,
        verifier: seeded.verifier,
      }),
    );
    const gatewayUrl = await start((app) =>
      app.register(gatewayApp, {
        config: loadConfig(gatewayConfigSchema, {
          DATABASE_URL: seeded.databaseUrl,
          SECRET_ENCRYPTION_KEYS: seeded.encryptionKeys,
          CHAT_URL: UNUSED_CHAT_URL,
          MCP_URL: mcpUrl,
        }),
        store,
      }),
    );
    return {
      seeded,
      mcpUrl,
      gatewayUrl,
      emulatorRequests: () => emulatorRequests,
      close: () => closeAll(closers),
    };
  } catch (error) {
    await closeAll(closers);
    throw error;
  }
}

async function closeAll(closers: readonly (() => Promise<void>)[]): Promise<void> {
  for (const close of [...closers].reverse()) await close();
}

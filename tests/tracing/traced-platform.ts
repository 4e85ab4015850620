import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import type { Pool } from 'pg';
import { buildEmulator, DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import {
  createPgPool,
  createSecretCipher,
  findFreePort,
  generateCipherKey,
  parseCipherKeys,
} from '@pyairtable/kit';
import { uniqueKeyPrefix } from '@pyairtable/kit/testing';
import { startServiceProcess, waitUntilReady } from '@pyairtable/local-stack';
import type { ServiceProcess } from '@pyairtable/local-stack';
import { createRegistry } from '@pyairtable/registry';
import { startGeminiDouble } from '../../services/chat/test/support/gemini-double.ts';
import type { GeminiDouble } from '../../services/chat/test/support/gemini-double.ts';
import { tenantWithOwner } from '../support/full-platform.ts';
import type { PlatformUser } from '../support/full-platform.ts';
import { startOtlpReceiver } from './otlp-receiver.ts';
import type { OtlpReceiver } from './otlp-receiver.ts';
import { startPlatformDatabase } from '../support/platform-database.ts';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const GEMINI_KEY = 'test-gemini-key';

export { DEMO_SALES_BASE_ID };

/** One line a service wrote to stdout or stderr. */
export interface ServiceLogLine {
  readonly service: string;
  readonly text: string;
}

/** How far each service's log had grown at some moment. */
export type LogPosition = Readonly<Record<string, number>>;

/** gateway, chat and mcp running as processes, exporting their spans to a receiver here. */
export interface TracedPlatform {
  readonly gatewayUrl: string;
  /** Where each part listens, to tell from a client span's `server.port` what it called. */
  readonly ports: Readonly<Record<'gateway' | 'chat' | 'mcp' | 'airtable' | 'gemini', number>>;
  readonly gemini: GeminiDouble;
  /** Every span the three services exported. */
  readonly receiver: OtlpReceiver;
  /** The owner of a workspace that allows the demo Sales CRM base. */
  readonly user: PlatformUser;
  logPosition(): Promise<LogPosition>;
  /** The lines each service wrote after `position`. */
  logLinesSince(position: LogPosition): Promise<ServiceLogLine[]>;
}

/**
 * The platform as deployed, for tracing tests: each service started exactly as `npm start`
 * and the chart start it (`node --import @pyairtable/kit/tracing/register …/server.ts`, with
 * `OTEL_SERVICE_NAME` and `OTEL_EXPORTER_OTLP_ENDPOINT`), so the spans the test reads come
 * through the production export pipeline. The model is the Gemini double, reached through the
 * real @google/genai client; Airtable is the emulator; Postgres is the test one.
 */
export function useTracedPlatform(): { readonly platform: TracedPlatform } {
  const closers: (() => Promise<void>)[] = [];
  const services: ServiceProcess[] = [];
  let platform: TracedPlatform | undefined;

  beforeAll(async () => {
    const database = await startPlatformDatabase();
    closers.push(database.close);

    const emulator = await buildEmulator({ rateLimits: false });
    const airtableUrl = (await emulator.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '');
    closers.push(() => emulator.close());
    const gemini = await startGeminiDouble({ apiKey: GEMINI_KEY });
    closers.push(() => gemini.close());
    const receiver = await startOtlpReceiver();
    closers.push(() => receiver.close());
    const logDir = await mkdtemp(path.join(tmpdir(), 'traced-platform-'));
    closers.push(() => rm(logDir, { recursive: true, force: true }));

    const [gatewayPort, chatPort, mcpPort] = await Promise.all([
      findFreePort(),
      findFreePort(),
      findFreePort(),
    ]);
    const url = (port: number): string => `http://127.0.0.1:${String(port)}`;
    const encryptionKeys = generateCipherKey('tracing');
    const shared = {
      DATABASE_URL: database.url,
      SECRET_ENCRYPTION_KEYS: encryptionKeys,
      GATEWAY_JWKS_URL: `${url(gatewayPort)}/.well-known/jwks.json`,
      // A key space of its own when CI's shared Redis is configured.
      REDIS_KEY_PREFIX: uniqueKeyPrefix('tracing'),
      // Request logs are info lines: the test checks that each carries its trace id.
      LOG_LEVEL: 'info',
      OTEL_SDK_DISABLED: undefined,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      // Export finished spans within 100 ms instead of the default 5 s batches.
      OTEL_BSP_SCHEDULE_DELAY: '100',
    };
    const entries = [
      {
        name: 'mcp',
        entry: 'services/mcp/src/server.ts',
        port: mcpPort,
        environment: { AIRTABLE_ENDPOINT_URL: airtableUrl },
      },
      {
        name: 'chat',
        entry: 'services/chat/src/server.ts',
        port: chatPort,
        environment: {
          MCP_URL: url(mcpPort),
          GEMINI_API_KEY: GEMINI_KEY,
          GEMINI_BASE_URL: gemini.baseUrl,
        },
      },
      {
        name: 'gateway',
        entry: 'services/gateway/src/server.ts',
        port: gatewayPort,
        environment: { CHAT_URL: url(chatPort), MCP_URL: url(mcpPort) },
      },
    ];
    for (const entry of entries) {
      services.push(
        startServiceProcess(entry, {
          root: repositoryRoot,
          host: '127.0.0.1',
          logFile: path.join(logDir, `${entry.name}.log`),
          environment: shared,
        }),
      );
    }
    // Nothing calls another service while starting, so they start side by side.
    await Promise.all(services.map((service) => waitUntilReady(service, 60_000)));

    const pool: Pool = createPgPool({ connectionString: database.url, max: 2 });
    closers.push(() => pool.end());
    const registry = createRegistry({
      pool,
      cipher: createSecretCipher(parseCipherKeys(encryptionKeys)),
    });
    const gatewayUrl = url(gatewayPort);
    const user = await tenantWithOwner(registry, gatewayUrl, 'tracer', DEMO_SALES_BASE_ID);

    const logPosition = async (): Promise<LogPosition> =>
      Object.fromEntries(
        await Promise.all(
          services.map(async (service) => [service.entry.name, (await stat(service.logFile)).size]),
        ),
      ) as LogPosition;
    const logLinesSince = async (position: LogPosition): Promise<ServiceLogLine[]> => {
      const perService = await Promise.all(
        services.map(async (service) => {
          const log = await readFile(service.logFile);
          const written = log.subarray(position[service.entry.name] ?? 0).toString('utf8');
          return written
            .split('\n')
            .filter((text) => text.trim() !== '')
            .map((text) => ({ service: service.entry.name, text }));
        }),
      );
      return perService.flat();
    };
    const ports = {
      gateway: gatewayPort,
      chat: chatPort,
      mcp: mcpPort,
      airtable: Number(new URL(airtableUrl).port),
      gemini: Number(new URL(gemini.baseUrl).port),
    };
    platform = { gatewayUrl, ports, gemini, receiver, user, logPosition, logLinesSince };
  });

  afterAll(async () => {
    // Graceful stops flush the services' last spans into the receiver before it closes.
    for (const service of services.reverse()) await service.stop(10_000);
    for (const close of closers.reverse()) await close();
  });

  return {
    get platform() {
      if (platform === undefined) throw new Error('the platform is used before beforeAll ran');
      return platform;
    },
  };
}

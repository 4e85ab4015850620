/**
 * The platform a load run drives, started exactly as `npm start` starts it (its entry point
 * as a child process) but apart from a developer's own: its own data directory (emptied at
 * every start, so runs compare), its own ports, its own database and Redis key prefix when
 * DATABASE_URL / REDIS_URL are set. The offline planner answers like a hosted model (latency,
 * streamed pieces), the emulator adds a large generated base, and the demo tenant's quotas
 * are raised so the run measures the platform, not the demo's limits.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { waitForOutput } from '../support/wait-for-output.ts';
import { childEnvironment, findFreePort, isPortFree } from '@pyairtable/kit';
import { createTestDatabase } from '@pyairtable/kit/testing';
import { liveStackLockOwner, readStackFile } from '@pyairtable/local-stack';
import type { StackDemo } from '@pyairtable/local-stack';
import type { LoadSettings } from './load-settings.ts';

const HOST = '127.0.0.1';

/** A started load stack. */
export interface LoadStack {
  readonly gatewayUrl: string;
  readonly demo: StackDemo;
  /** Resolves with a reason if the stack stops by itself. */
  readonly stopped: Promise<string>;
  /** Stops it as Ctrl-C would, then drops the run's database if it made one. */
  stop(): Promise<void>;
}

/** Ports the load stack prefers: beside npm start's, so both can run at once. */
const PREFERRED_PORTS = {
  GATEWAY_PORT: 18_000,
  MCP_PORT: 18_001,
  CHAT_PORT: 18_003,
  AIRTABLE_EMULATOR_PORT: 18_090,
  EMBEDDED_POSTGRES_PORT: 15_433,
} as const;

async function choosePorts(): Promise<Record<keyof typeof PREFERRED_PORTS, string>> {
  const chosen: Partial<Record<keyof typeof PREFERRED_PORTS, string>> = {};
  for (const [name, preferred] of Object.entries(PREFERRED_PORTS)) {
    const port = (await isPortFree(HOST, preferred)) ? preferred : await findFreePort(HOST);
    chosen[name as keyof typeof PREFERRED_PORTS] = String(port);
  }
  return chosen as Record<keyof typeof PREFERRED_PORTS, string>;
}

/** Empties the data directory, unless a load stack still runs on it. */
function prepareDataDir(dataDir: string): void {
  const owner = liveStackLockOwner(dataDir);
  if (owner !== undefined) {
    throw new Error(
      `a load stack is already running on ${dataDir} (pid ${String(owner.pid)}). ` +
        'Wait for it, or set LOAD_DATA_DIR to another directory.',
    );
  }
  mkdirSync(dataDir, { recursive: true });
  // Embedded Postgres runs as its own OS user when we are root: it must reach the folder.
  chmodSync(dataDir, 0o755);
  for (const entry of readdirSync(dataDir)) {
    rmSync(path.join(dataDir, entry), { recursive: true, force: true });
  }
}

/** The demo tenant may ask as much as the platform allows; Airtable's own limits stay. */
async function raiseDemoQuotas(gatewayUrl: string, demo: StackDemo): Promise<void> {
  const signIn = await fetch(`${gatewayUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: demo.admin.email, password: demo.admin.password }),
  });
  if (!signIn.ok) throw new Error(`the admin could not sign in: ${String(signIn.status)}`);
  const { accessToken } = (await signIn.json()) as { accessToken: string };
  const patched = await fetch(`${gatewayUrl}/api/admin/tenants/${demo.tenantId}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      quotas: {
        chatRequestsPerMinute: 100_000,
        llmTokensPerDay: 10_000_000_000,
        airtableRequestsPerSecond: 50,
      },
    }),
  });
  if (!patched.ok) {
    throw new Error(
      `raising the demo quotas answered ${String(patched.status)}: ${await patched.text()}`,
    );
  }
}

/** Options of {@link startLoadStack}. */
export interface StartLoadStackOptions {
  readonly root: string;
  readonly settings: LoadSettings;
  /** Where the stack's own output goes, line by line. */
  readonly print: (line: string) => void;
}

/** Starts the stack and waits until the demo workspace is ready to be loaded. */
export async function startLoadStack(options: StartLoadStackOptions): Promise<LoadStack> {
  const { root, settings, print } = options;
  const dataDir = path.resolve(root, settings.LOAD_DATA_DIR);
  prepareDataDir(dataDir);
  const database =
    settings.DATABASE_URL === undefined
      ? undefined
      : await createTestDatabase(settings.DATABASE_URL);
  const child = spawn(process.execPath, [path.join(root, 'services/local-stack/src/main.ts')], {
    cwd: root,
    env: childEnvironment({
      STACK_DATA_DIR: dataDir,
      STACK_HOST: HOST,
      ...(await choosePorts()),
      DATABASE_URL: database?.url,
      REDIS_URL: settings.REDIS_URL,
      REDIS_KEY_PREFIX: settings.REDIS_URL === undefined ? undefined : `load:${randomUUID()}:`,
      // Chat: the offline planner, paced like a hosted model.
      GEMINI_API_KEY: undefined,
      LLM_BASE_URL: undefined,
      OFFLINE_LATENCY_MS: String(settings.LOAD_OFFLINE_LATENCY_MS),
      OFFLINE_STREAM_CHUNK_CHARS: String(settings.LOAD_OFFLINE_STREAM_CHUNK_CHARS),
      // The emulator: the demo bases and a large generated one.
      AIRTABLE_EMULATOR_LARGE_BASE: settings.LOAD_LARGE_BASE,
      // Every virtual user signs in from this one address.
      AUTH_RATE_LIMIT_PER_IP: '10000',
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const forward = (chunk: Buffer): void => {
    const text = chunk.toString();
    output += text;
    for (const line of text.split('\n')) if (line.trim() !== '') print(line);
  };
  child.stdout.on('data', forward);
  child.stderr.on('data', forward);
  let stopping = false;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve(signal ?? `exit code ${String(code)}`);
    });
  });
  const stop = async (): Promise<void> => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await database?.drop();
  };
  try {
    await waitForOutput(
      'the load stack',
      child,
      () => output,
      'PyAirtable is running',
      settings.LOAD_STACK_TIMEOUT_MS,
    );
    const { gatewayUrl, demo } = readStackFile(dataDir);
    await raiseDemoQuotas(gatewayUrl, demo);
    const stopped = exited.then((reason) =>
      stopping ? new Promise<string>(() => undefined) : `the load stack stopped (${reason})`,
    );
    return { gatewayUrl, demo, stopped, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

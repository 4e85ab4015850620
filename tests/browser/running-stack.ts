import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitForOutput } from '../support/wait-for-output.ts';
import { childEnvironment, findFreePort } from '@pyairtable/kit';
import { readStackFile } from '@pyairtable/local-stack';
import type { StackDemo } from '@pyairtable/local-stack';

const root = path.resolve(import.meta.dirname, '../..');
const main = path.join(root, 'services/local-stack/src/main.ts');

/** The platform as `npm start` runs it, on free ports and a throwaway data directory. */
export interface RunningStack {
  readonly gatewayUrl: string;
  readonly demo: StackDemo;
  /** Stops it as Ctrl-C would and removes its data. */
  readonly stop: () => Promise<void>;
}

/** Starts `npm start`'s entry point and waits until it says it is running. */
export async function startStack(timeoutMs = 120_000): Promise<RunningStack> {
  const base = mkdtempSync(path.join(tmpdir(), 'pyairtable-browser-'));
  // The embedded Postgres runs as its own OS user when we are root: it must reach the folder.
  chmodSync(base, 0o755);
  const dataDir = path.join(base, 'data');
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: childEnvironment({
      STACK_DATA_DIR: dataDir,
      DATABASE_URL: undefined,
      REDIS_URL: undefined,
      GATEWAY_PORT: String(await findFreePort()),
      MCP_PORT: String(await findFreePort()),
      CHAT_PORT: String(await findFreePort()),
      AIRTABLE_EMULATOR_PORT: String(await findFreePort()),
      EMBEDDED_POSTGRES_PORT: String(await findFreePort()),
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(base, { recursive: true, force: true });
  };
  try {
    await waitForOutput('npm start', child, () => output, 'PyAirtable is running', timeoutMs);
    const { gatewayUrl, demo } = readStackFile(dataDir);
    return { gatewayUrl, demo, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

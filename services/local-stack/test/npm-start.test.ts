import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnvironment, findFreePort as freePort } from '@pyairtable/kit';
import type { StackDescription } from '../src/stack-file.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const main = path.join(root, 'services/local-stack/src/main.ts');

interface Launch {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function launch(environment: Record<string, string | undefined>): Launch {
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: childEnvironment(environment),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
    });
  });
  return { child, output: () => output, exited };
}

async function waitForOutput(run: Launch, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!run.output().includes(text)) {
    if (run.child.exitCode !== null) throw new Error(`exited early:\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for "${text}":\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Each test starts the whole platform (embedded Postgres and four services) from cold.
describe('npm start', { timeout: 180_000 }, () => {
  let firstDemo: StackDescription['demo'];
  let dataDir: string;
  let environment: Record<string, string | undefined>;

  beforeAll(async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'pyairtable-stack-'));
    // The embedded Postgres runs as its own OS user when we are root: it must reach the folder.
    chmodSync(base, 0o755);
    dataDir = path.join(base, 'data');
    environment = {
      STACK_DATA_DIR: dataDir,
      DATABASE_URL: undefined,
      REDIS_URL: undefined,
      GATEWAY_PORT: String(await freePort()),
      MCP_PORT: String(await freePort()),
      CHAT_PORT: String(await freePort()),
      AIRTABLE_EMULATOR_PORT: String(await freePort()),
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      LOG_LEVEL: 'info',
    };
  });

  afterAll(() => {
    rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  async function startAndDescribe(): Promise<{ run: Launch; stack: StackDescription }> {
    const run = launch(environment);
    await waitForOutput(run, 'PyAirtable is running', 120_000);
    const stack = JSON.parse(
      readFileSync(path.join(dataDir, 'stack.json'), 'utf8'),
    ) as StackDescription;
    return { run, stack };
  }

  function postgresPid(): number | undefined {
    const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
    if (!existsSync(pidFile)) return undefined;
    return Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  }

  async function expectCleanStop(
    run: Launch,
    stack: StackDescription,
    signal: NodeJS.Signals,
  ): Promise<void> {
    const servicePids = Object.values(stack.services).map((service) => service.pid);
    const databasePid = postgresPid();
    expect(databasePid).toBeDefined();
    const started = Date.now();
    run.child.kill(signal);
    const exit = await run.exited;
    expect(exit.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    for (const pid of [...servicePids, databasePid ?? 0])
      expect(isAlive(pid), `pid ${pid}`).toBe(false);
    expect(existsSync(path.join(dataDir, 'stack.json'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'stack.lock'))).toBe(false);
  }

  it('runs the platform with a demo workspace on embedded Postgres, refuses a second start, and stops on SIGTERM', async () => {
    const { run, stack } = await startAndDescribe();
    const gateway = stack.services['gateway'];
    expect(gateway?.url).toBe(`http://127.0.0.1:${environment['GATEWAY_PORT'] ?? ''}`);
    expect(stack.postgres.embedded).toBe(true);
    expect(stack.redis).toEqual({ inProcess: true });

    const live = await fetch(`${gateway?.url ?? ''}/livez`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${gateway?.url ?? ''}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { postgres: { ok: true } },
    });
    const airtable = stack.airtable;
    expect(airtable?.url).toBe(stack.services['airtable-emulator']?.url);
    expect(airtable?.token).toMatch(/^pat[A-Za-z0-9]{14}\.[0-9a-f]{64}$/);
    expect(airtable?.bases.map((base) => base.name).sort()).toEqual([
      'Project tracker',
      'Sales CRM',
    ]);
    const deals = await fetch(
      `${airtable?.url ?? ''}/v0/${airtable?.bases.find((base) => base.name === 'Sales CRM')?.id ?? ''}/Deals?maxRecords=3`,
      { headers: { authorization: `Bearer ${airtable?.token ?? ''}` } },
    );
    expect(deals.status).toBe(200);
    expect(((await deals.json()) as { records: unknown[] }).records).toHaveLength(3);
    const metrics = await (await fetch(`${gateway?.url ?? ''}/metrics`)).text();
    expect(metrics).toContain(
      'http_server_request_duration_seconds_count{method="GET",route="/readyz"',
    );

    // The demo workspace works end to end: its API key reaches Airtable through gateway and mcp.
    const demo = stack.demo;
    firstDemo = demo;
    expect(demo?.user.email).toBe('demo@pyairtable.local');
    const bases = await fetch(`${gateway?.url ?? ''}/api/airtable/bases`, {
      headers: { 'x-api-key': demo?.apiKey ?? '' },
    });
    expect(bases.status).toBe(200);
    expect(((await bases.json()) as { bases: unknown[] }).bases).toHaveLength(2);
    const login = await fetch(`${gateway?.url ?? ''}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: demo?.user.email, password: demo?.user.password }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const me = await fetch(`${gateway?.url ?? ''}/api/auth/me`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    const workspaces = ((await me.json()) as { workspaces: { id: string; role: string }[] })
      .workspaces;
    expect(workspaces).toEqual([expect.objectContaining({ id: demo?.workspaceId, role: 'owner' })]);

    // A question goes through gateway, chat, mcp and the emulator; no LLM is configured, so the
    // offline planner answers and says so.
    const auth = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    const session = await fetch(`${gateway?.url ?? ''}/api/chat/sessions`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ workspaceId: demo?.workspaceId }),
    });
    const { id: sessionId } = (await session.json()) as { id: string };
    const asked = await fetch(`${gateway?.url ?? ''}/api/chat/sessions/${sessionId}/messages`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ content: 'list the bases' }),
    });
    expect(asked.status).toBe(200);
    const { answer } = (await asked.json()) as { answer: { status: string; content: string } };
    expect(answer.status).toBe('complete');
    expect(answer.content).toContain('Offline planner');
    expect(answer.content).toContain('Sales CRM');
    const health = await fetch(`${gateway?.url ?? ''}/api/health`);
    expect(health.status).toBe(200);

    const second = launch(environment);
    const secondExit = await second.exited;
    expect(secondExit.code).toBe(1);
    expect(second.output()).toContain('already running');
    expect(second.output()).toContain(String(run.child.pid));

    await expectCleanStop(run, stack, 'SIGTERM');
  });

  it('starts again on the same data and stops on SIGINT', async () => {
    const { run, stack } = await startAndDescribe();
    expect((await fetch(`${stack.services['gateway']?.url ?? ''}/readyz`)).status).toBe(200);
    // The demo set-up finds what the first start made instead of making it again.
    expect(stack.demo).toEqual(firstDemo);
    await expectCleanStop(run, stack, 'SIGINT');
  });

  it('names the busy port instead of failing obscurely', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) =>
      blocker.listen(Number(environment['GATEWAY_PORT']), '127.0.0.1', resolve),
    );
    try {
      const run = launch(environment);
      const exit = await run.exited;
      expect(exit.code).toBe(1);
      expect(run.output()).toContain(
        `port ${environment['GATEWAY_PORT'] ?? ''} for gateway is in use`,
      );
      expect(run.output()).toContain('GATEWAY_PORT');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

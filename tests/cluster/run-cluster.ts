/**
 * `npm run cluster:up` / `npm run cluster:down [-- --purge]`
 *
 * up: the whole local cluster sequence of infra/local-cluster/README.md on this machine, from
 * nothing or from the cache — dockerd, images, node image, registry, kind cluster, `tilt ci --
 * --infra=local`, the operator examples Ready, a chat turn through the gateway's port-forward,
 * k6 driving the chat HPA out and back in — and docs/local-cluster.md written from what it saw.
 * Exits non-zero at the first step that fails, naming it. The cluster stays up afterwards.
 *
 * down: deletes the cluster, the registry container and stops dockerd; --purge also deletes
 * every image built, so the next `up` is a cold one.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClusterEnvironment } from './cluster-environment.ts';
import { captured, CONTEXT, prepareEnvironment, ROOT, runShown } from './cluster-environment.ts';
import {
  buildImages,
  buildNodeImage,
  createCluster,
  nodeImagePresent,
  pushInfraImages,
  RUN_DIRECTORY,
  startDockerd,
  startRegistry,
  tearDown,
  tiltCi,
} from './cluster-lifecycle.ts';
import { loadAndWatchScaling, NAMESPACE } from './cluster-load.ts';
import type { StepTiming } from './cluster-report.ts';
import { writeClusterReport } from './cluster-report.ts';
import { chatTurn, demoAccount } from './demo-account.ts';

const say = (line: string): void => {
  console.log(`\ncluster: ${line}`);
};
const EXAMPLES_NAMESPACE = 'pyairtable-demo';
/** Answered from the emulator's example base by counting through the MCP tools. */
const QUESTION = 'How many deals are there?';

const steps: StepTiming[] = [];
async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  say(`${name}…`);
  const started = performance.now();
  try {
    return await work();
  } catch (error) {
    throw new Error(`step "${name}" failed: ${(error as Error).message}`, { cause: error });
  } finally {
    steps.push({ step: name, seconds: (performance.now() - started) / 1000 });
  }
}

/** The example workspace owner's password, made once per machine (.data is git-ignored). */
function demoPassword(): string {
  const file = path.join(RUN_DIRECTORY, 'demo-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(RUN_DIRECTORY, { recursive: true });
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

/** `kubectl port-forward` to the gateway Service on a loopback port; resolves with its URL. */
async function forwardGateway(
  tools: ClusterEnvironment,
): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    tools.kubectl,
    [
      '--context',
      CONTEXT,
      '--namespace',
      NAMESPACE,
      'port-forward',
      '--address',
      '127.0.0.1',
      'service/pyairtable-gateway',
      ':8000',
    ],
    { env: tools.env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /127\.0\.0\.1:(\d+) ->/.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.on('exit', (code) => {
      reject(new Error(`kubectl port-forward exited (${String(code)})`));
    });
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

async function examplesReady(tools: ClusterEnvironment): Promise<string> {
  const k = ['--context', CONTEXT];
  await runShown(tools.env, tools.kubectl, [
    ...k,
    'apply',
    '--filename',
    path.join(ROOT, 'operator/examples/'),
  ]);
  await runShown(tools.env, tools.kubectl, [
    ...k,
    '--namespace',
    EXAMPLES_NAMESPACE,
    'wait',
    '--for=condition=Ready',
    'tenant/acme',
    'workspace/acme-sales',
    '--timeout=300s',
  ]);
  return captured(tools.env, tools.kubectl, [
    ...k,
    '--namespace',
    EXAMPLES_NAMESPACE,
    'get',
    'tenants,workspaces',
  ]);
}

/**
 * Lifts the example's chat quotas for the load run: it allows 30 questions a minute in the
 * workspace and 2,000,000 LLM tokens a day, which a few minutes of k6 use up (each turn of the
 * offline planner counts its prompt, tool results included).
 */
const LOAD_QUOTAS = { chatRequestsPerMinute: 6_000, llmTokensPerDay: 1_000_000_000 };

async function raiseChatQuotas(tools: ClusterEnvironment): Promise<void> {
  const k = ['--context', CONTEXT, '--namespace', EXAMPLES_NAMESPACE];
  const patch = (target: string, spec: unknown) =>
    runShown(tools.env, tools.kubectl, [
      ...k,
      'patch',
      '--type',
      'merge',
      target,
      '--patch',
      JSON.stringify({ spec }),
    ]);
  await patch('tenant/acme', { quotas: LOAD_QUOTAS });
  await patch('workspace/acme-sales', { quotaOverrides: LOAD_QUOTAS });
  await runShown(tools.env, tools.kubectl, [
    ...k,
    'wait',
    '--for=condition=Ready',
    'tenant/acme',
    'workspace/acme-sales',
    '--timeout=120s',
  ]);
  // The gateway and chat learn of registry changes through its notifications: a moment.
  await sleep(5_000);
}

async function up(): Promise<void> {
  await step('start dockerd', startDockerd);
  const tools = await step(
    'build or find the tools (kind, Tilt, kubectl, helm, k6)',
    prepareEnvironment,
  );
  const kind = (await nodeImagePresent(tools.env)) ? 'warm' : 'cold';
  say(`a ${kind} run`);
  await step('build the images', () => buildImages(tools.env));
  await step('build the node image', () => buildNodeImage(tools.env));
  await step('start the registry, push the infra images', async () => {
    await startRegistry(tools.env);
    await pushInfraImages(tools.env);
  });
  await step('create the kind cluster', () => createCluster(tools));
  await step('tilt ci -- --infra=local', () => tiltCi(tools));
  const examples = await step('operator examples Ready', () => examplesReady(tools));
  const gateway = await forwardGateway(tools);
  try {
    const account = await step('sign in as the example workspace owner', () =>
      demoAccount(gateway.url, demoPassword(), 'acme-sales'),
    );
    const chat = await step('a chat turn through the port-forward', async () => {
      const turn = await chatTurn(gateway.url, account, QUESTION);
      if (turn.status !== 'complete' || turn.answer === '') {
        throw new Error(
          `the answer did not complete: ${turn.status} "${turn.answer.slice(0, 200)}"`,
        );
      }
      return turn;
    });
    await step('raise the example chat quotas for the load', () => raiseChatQuotas(tools));
    const load = await step('k6 and the chat HPA', () =>
      loadAndWatchScaling(tools, gateway.url, account, RUN_DIRECTORY),
    );
    const peak = load.observer.peak('during');
    const last = load.observer.samples.at(-1);
    writeClusterReport(path.join(ROOT, 'docs/local-cluster.md'), {
      kind,
      finishedAt: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      machine: `${String(os.cpus().length)} cores, ${String(Math.round(os.totalmem() / 2 ** 30))} GiB, Linux ${os.release()}`,
      steps,
      examples,
      chat,
      ...load,
      samples: load.observer.samples,
    });
    say('docs/local-cluster.md written');
    if (![0, 99].includes(load.k6ExitCode))
      throw new Error(`k6 failed (exit ${String(load.k6ExitCode)})`);
    if (peak < 2)
      throw new Error(
        `the chat HPA never asked for more than ${String(peak)} replica(s) under load`,
      );
    if (last === undefined || last.currentReplicas > 1) {
      throw new Error('the chat HPA did not scale back in to one replica after the load');
    }
    say(
      `done: the chat HPA went to ${String(peak)} replicas and back to ${String(last.currentReplicas)}`,
    );
  } finally {
    gateway.stop();
  }
}

async function down(purge: boolean): Promise<void> {
  await startDockerd();
  await tearDown(await prepareEnvironment(), purge);
}

const [command, ...options] = process.argv.slice(2);
try {
  if (command === 'up') await up();
  else if (command === 'down') await down(options.includes('--purge'));
  else throw new Error('usage: run-cluster.ts up | down [--purge]');
} catch (error) {
  console.error(`\ncluster: ${(error as Error).message}`);
  process.exitCode = 1;
}

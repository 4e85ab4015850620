/**
 * The load step of `npm run cluster:up`: k6's chat-over-SSE scenario against the gateway's
 * port-forward, with the chat HPA sampled before, during and after, until it is back at its
 * minimum.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClusterEnvironment } from './cluster-environment.ts';
import { captured, CONTEXT, ROOT } from './cluster-environment.ts';
import type { LoadRecord } from './cluster-report.ts';
import type { DemoAccount } from './demo-account.ts';
import { sampleScaling, ScalingObserver } from './scaling-observer.ts';

/** The chart's release namespace and the chat HPA's name (charts/pyairtable). */
export const NAMESPACE = 'pyairtable';
export const CHAT_HPA = 'pyairtable-chat';

/** k6's run: the average profile (ramp, 2 min plateau, ramp down) at SCALE times its VUs. */
export const K6_PROFILE = 'average';
export const K6_SCALE = '4';
const K6_SCENARIO = 'k6/scenarios/chat-sse.ts';
/** How long the HPA gets to scale back in once k6 is done. */
const SCALE_IN_LIMIT_MS = 6 * 60_000;

/** What the load step saw, and the samples behind it. */
export interface LoadResult extends LoadRecord {
  readonly observer: ScalingObserver;
}

function runK6(
  tools: ClusterEnvironment,
  env: NodeJS.ProcessEnv,
  logFile: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logFile);
    const child = spawn(tools.k6, ['run', K6_SCENARIO], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.stdout.pipe(process.stdout);
    child.on('error', reject);
    child.on('exit', (code) => {
      log.end();
      resolve(code ?? 1);
    });
  });
}

/** The end of k6's output: its summary, from the first threshold or metric heading on. */
function summaryOf(output: string): string {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => /THRESHOLDS|TOTAL RESULTS|checks/.test(line));
  return lines.slice(start === -1 ? Math.max(0, lines.length - 60) : start).join('\n');
}

/** Runs k6 against `gatewayUrl` as `account` and watches the chat HPA scale out and back in. */
export async function loadAndWatchScaling(
  tools: ClusterEnvironment,
  gatewayUrl: string,
  account: DemoAccount,
  runDirectory: string,
): Promise<LoadResult> {
  const getHpa = () =>
    captured(tools.env, tools.kubectl, [
      '--context',
      CONTEXT,
      '--namespace',
      NAMESPACE,
      'get',
      'hpa',
      CHAT_HPA,
    ]);
  const observer = new ScalingObserver(() =>
    sampleScaling(tools.env, tools.kubectl, NAMESPACE, CHAT_HPA),
  );
  mkdirSync(runDirectory, { recursive: true });
  const hpaBefore = await getHpa();
  observer.start();
  await sleep(15_000);

  observer.phase = 'during';
  let hpaDuring = hpaBefore;
  let peak = 0;
  const peakWatch = setInterval(() => {
    const latest = observer.samples.at(-1);
    if (latest !== undefined && latest.desiredReplicas > peak) {
      peak = latest.desiredReplicas;
      void getHpa().then(
        (text) => (hpaDuring = text),
        () => undefined,
      );
    }
  }, 5_000);
  const logFile = path.join(runDirectory, 'k6.log');
  const k6Env = {
    ...tools.env,
    BASE_URL: gatewayUrl,
    PROFILE: K6_PROFILE,
    SCALE: K6_SCALE,
    SUMMARY_PATH: path.join(runDirectory, 'k6-summary.json'),
    PYAIRTABLE_LOGIN: account.login,
    PYAIRTABLE_PASSWORD: account.password,
    PYAIRTABLE_API_KEY: account.apiKey,
    PYAIRTABLE_WORKSPACE_ID: account.workspaceId,
  };
  const k6ExitCode = await runK6(tools, k6Env, logFile);
  clearInterval(peakWatch);

  observer.phase = 'after';
  const deadline = Date.now() + SCALE_IN_LIMIT_MS;
  for (;;) {
    await sleep(5_000);
    const latest = observer.samples.at(-1);
    const settled =
      latest !== undefined &&
      latest.phase === 'after' &&
      latest.currentReplicas <= 1 &&
      latest.readyPods <= 1;
    if (settled || Date.now() > deadline) break;
  }
  await observer.stop();
  return {
    k6Command: `PROFILE=${K6_PROFILE} SCALE=${K6_SCALE} k6 run ${K6_SCENARIO}`,
    k6ExitCode,
    k6Summary: summaryOf(await readFile(logFile, 'utf8')),
    hpaBefore,
    hpaDuring,
    hpaAfter: await getHpa(),
    observer,
  };
}

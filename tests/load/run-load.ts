/**
 * `npm run load -- --profile smoke|average|stress|spike|soak --scenario mixed|auth|chat-sse|chat-ws|mcp|airtable`
 *
 * Starts the platform as `npm start` does but on its own data directory and ports (see
 * load-stack.ts), runs `k6 run k6/scenarios/<scenario>.ts` against its gateway with the demo
 * credentials, stops the stack and exits with k6's exit code (99 when a threshold failed).
 * k6 is built from its Go module on first use (tests/go-tools/ensure-go-tool.sh).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '@pyairtable/kit';
import { ensureGoTool } from '../envtest/go-tools.ts';
import { maxRunSeconds, runK6 } from './k6-process.ts';
import { loadSettingsSchema, parseLoadArguments } from './load-settings.ts';
import { startLoadStack } from './load-stack.ts';

const root = path.resolve(import.meta.dirname, '../..');
const say = (line: string): void => {
  console.log(`npm run load: ${line}`);
};

/** Slack on top of k6's own bound: setup, the summary, a slow machine. */
const K6_TIMEOUT_MARGIN_MS = 120_000;

/** Aborted on SIGTERM, or when the stack stops by itself: k6 is then interrupted. */
const interruption = new AbortController();

async function main(): Promise<number> {
  const { profile, scenario } = parseLoadArguments(process.argv.slice(2));
  const settings = loadConfig(loadSettingsSchema);
  say('k6 (built from its Go module the first time: minutes)…');
  const k6 = await ensureGoTool('k6');
  const script = `k6/scenarios/${scenario}.ts`;
  const summaryPath = path.resolve(
    root,
    settings.SUMMARY_PATH ?? `.data/k6/summary-${scenario}-${profile}.json`,
  );
  mkdirSync(path.dirname(summaryPath), { recursive: true });

  say(`starting the load stack in ${settings.LOAD_DATA_DIR}…`);
  const stack = await startLoadStack({
    root,
    settings,
    print: (line) => {
      console.log(`  [stack] ${line}`);
    },
  });
  let exitCode: number;
  try {
    const environment = {
      BASE_URL: stack.gatewayUrl,
      PROFILE: profile,
      PYAIRTABLE_LOGIN: stack.demo.user.email,
      PYAIRTABLE_PASSWORD: stack.demo.user.password,
      PYAIRTABLE_API_KEY: stack.demo.apiKey,
      PYAIRTABLE_WORKSPACE_ID: stack.demo.workspaceId,
      SUMMARY_PATH: summaryPath,
    };
    const bound = await maxRunSeconds(k6, script, environment, root);
    say(
      `k6 run ${script} (profile ${profile}, at most ${String(bound)} s) against ${stack.gatewayUrl}`,
    );
    void stack.stopped.then((reason) => {
      console.error(`npm run load: ${reason} during the run; interrupting k6`);
      interruption.abort();
    });
    exitCode = await runK6({
      k6,
      script,
      cwd: root,
      environment,
      timeoutMs: bound * 1000 + K6_TIMEOUT_MARGIN_MS,
      signal: interruption.signal,
    });
    say(
      `k6 exited with ${String(exitCode)}${exitCode === 99 ? ' (thresholds failed)' : ''}; summary: ${path.relative(root, summaryPath)}`,
    );
  } finally {
    say('stopping the load stack…');
    await stack.stop();
  }
  return exitCode;
}

// A terminal's Ctrl-C reaches k6 and the stack directly (one process group): this process
// only waits for them. SIGTERM is for this process alone: it interrupts k6 the same way.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => {
  interruption.abort();
});

main().then(
  (code) => {
    process.exit(code);
  },
  (error: unknown) => {
    const message =
      error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    console.error(`npm run load: ${message}`);
    process.exit(1);
  },
);

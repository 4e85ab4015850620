/**
 * What every step of `npm run cluster:up` runs with: the local cluster's dockerd
 * (infra/local-cluster/dockerd.sh), the tools built from their Go modules on PATH, and helpers
 * to run a command with its output shown (long steps) or captured (queries).
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { childEnvironment, loadConfig } from '@pyairtable/kit';
import { Type } from 'typebox';
import { ensureBuiltTool, runTool } from '../envtest/run-tool.ts';

/** The repository root. */
export const ROOT = path.resolve(import.meta.dirname, '../..');
/** infra/local-cluster: the scripts and manifests of the local cluster. */
export const LOCAL_CLUSTER = path.join(ROOT, 'infra/local-cluster');
/** The kubectl context kind gives the cluster of kind-config.yaml. */
export const CONTEXT = 'kind-pyairtable';

/** What a run reads from its environment. */
const clusterSettingsSchema = Type.Object({
  /** Where the local cluster's dockerd keeps images and the registry its storage. */
  PYAIRTABLE_CLUSTER_CACHE: Type.Optional(Type.String({ minLength: 1 })),
  HOME: Type.String({ default: '/root', minLength: 1 }),
  PATH: Type.String({ default: '/usr/local/bin:/usr/bin:/bin', minLength: 1 }),
});

/** The run's settings, read once. */
export const clusterSettings = loadConfig(clusterSettingsSchema);

/** The directory dockerd.sh and the registry keep their data in (dockerd.sh's default). */
export function clusterCache(): string {
  return (
    clusterSettings.PYAIRTABLE_CLUSTER_CACHE ??
    path.join(clusterSettings.HOME, '.cache/pyairtable-cluster')
  );
}

/** The tools and environment of a run. */
export interface ClusterEnvironment {
  readonly env: NodeJS.ProcessEnv;
  readonly kind: string;
  readonly kubectl: string;
  readonly tilt: string;
  readonly k6: string;
}

const GO_TOOLS = path.join(ROOT, 'tests/go-tools/ensure-go-tool.sh');
const DEPLOY_TOOLS = path.join(ROOT, 'tests/deploy/ensure-deploy-tool.sh');

let settingsFromVersions: Promise<ReadonlyMap<string, string>> | undefined;

/**
 * Every setting infra/local-cluster/versions.sh assigns, as the shell expands it — read once,
 * by one shell, however many names a run asks for.
 */
function versionsSettings(): Promise<ReadonlyMap<string, string>> {
  settingsFromVersions ??= (async () => {
    const file = path.join(LOCAL_CLUSTER, 'versions.sh');
    const names = [...(await readFile(file, 'utf8')).matchAll(/^([A-Z_][A-Z0-9_]*)=/gm)].map(
      (match) => match[1] ?? '',
    );
    const { exitCode, stdout, stderr } = await runTool('bash', [
      '-c',
      '. "$0" && for name in "$@"; do printf \'%s=%s\\n\' "$name" "${!name}"; done',
      file,
      ...names,
    ]);
    if (exitCode !== 0) throw new Error(`reading versions.sh failed: ${stderr}`);
    return new Map(
      stdout
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
  })();
  return settingsFromVersions;
}

/** A name from infra/local-cluster/versions.sh, the one place the local cluster's versions are pinned. */
export async function localClusterSetting(name: string): Promise<string> {
  const value = (await versionsSettings()).get(name);
  if (value === undefined || value === '') throw new Error(`versions.sh has no ${name}`);
  return value;
}

/** Builds (or finds in the cache) the tools a run needs and puts them on PATH. */
export async function prepareEnvironment(): Promise<ClusterEnvironment> {
  const kubectl = await ensureBuiltTool(GO_TOOLS, 'kubectl');
  const helm = await ensureBuiltTool(GO_TOOLS, 'helm');
  const k6 = await ensureBuiltTool(GO_TOOLS, 'k6');
  const kind = await ensureBuiltTool(DEPLOY_TOOLS, 'kind');
  const tilt = await ensureBuiltTool(DEPLOY_TOOLS, 'tilt');
  const dockerHost = (
    await runTool('bash', [path.join(LOCAL_CLUSTER, 'dockerd.sh'), 'host'])
  ).stdout.trim();
  const toolDirectories = [kubectl, helm, k6, kind, tilt].map((tool) => path.dirname(tool));
  return {
    env: childEnvironment({
      DOCKER_HOST: dockerHost,
      PATH: [...toolDirectories, clusterSettings.PATH].join(path.delimiter),
    }),
    kind,
    kubectl,
    tilt,
    k6,
  };
}

/** Runs a command with its output on this process's, rejecting with its exit status. */
export function runShown(
  env: NodeJS.ProcessEnv,
  command: string,
  args: readonly string[],
  input?: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: ROOT,
      env,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'inherit', 'inherit'],
    });
    if (input !== undefined) child.stdin?.end(input);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `${path.basename(command)} ${args.join(' ')} failed (${signal ?? `exit ${String(code)}`})`,
          ),
        );
    });
  });
}

/** Runs a command and returns its standard output, rejecting with its error output. */
export async function captured(
  env: NodeJS.ProcessEnv,
  command: string,
  args: readonly string[],
  timeoutMs = 120_000,
): Promise<string> {
  const result = await runTool(command, args, { cwd: ROOT, env, timeoutMs });
  if (result.exitCode !== 0) {
    throw new Error(
      `${path.basename(command)} ${args.join(' ')} failed: ${result.stderr.trim() || result.stdout.trim()}`,
    );
  }
  return result.stdout;
}

/**
 * The deploy tools the tests run, built from their Go modules and cached by
 * tests/deploy/ensure-deploy-tool.sh (kind, kind's config check, Tilt).
 */
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = fileURLToPath(new URL('ensure-deploy-tool.sh', import.meta.url));

export type DeployTool = 'kind' | 'kind-config-check' | 'tilt';

/** The path of `tool`: built the first time (Tilt: about 11 minutes on 2 cores), then cached. */
export async function ensureDeployTool(tool: DeployTool): Promise<string> {
  const { stdout } = await run('bash', [script, tool], {
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60 * 60_000,
  });
  const binary = stdout.trim().split('\n').at(-1);
  if (binary === undefined || binary === '') throw new Error(`building ${tool} printed no path`);
  return binary;
}

/** Runs a binary; never throws on a non-zero exit. */
export async function runTool(
  binary: string,
  args: readonly string[],
  options: { readonly cwd: string; readonly env?: NodeJS.ProcessEnv },
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(binary, [...args], {
      ...options,
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
    });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    return {
      exitCode: typeof failed.code === 'number' ? failed.code : 1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? String(error),
    };
  }
}

/** Where `go mod download` unpacked `module@version` (from the module proxy, then Go's cache). */
export async function goModuleDirectory(module: string, version: string): Promise<string> {
  // Outside any Go module, so no go.mod is touched. Go prints its JSON even when it fails.
  const { stdout } = await run('go', ['mod', 'download', '-json', `${module}@${version}`], {
    cwd: tmpdir(),
    maxBuffer: 16 * 1024 * 1024,
    timeout: 20 * 60_000,
  }).catch((error: unknown) => ({ stdout: (error as { stdout?: string }).stdout ?? '' }));
  const { Dir: directory, Error: failure } = JSON.parse(stdout || '{}') as {
    Dir?: string;
    Error?: string;
  };
  if (directory === undefined)
    throw new Error(`go mod download ${module}@${version}: ${failure ?? 'failed'}`);
  return directory;
}

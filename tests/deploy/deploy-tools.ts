/**
 * The deploy tools the tests run, built from their Go modules and cached by
 * tests/deploy/ensure-deploy-tool.sh (kind, kind's config check, Tilt).
 */
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ensureBuiltTool, runTool } from '../envtest/index.ts';

const run = promisify(execFile);
const script = fileURLToPath(new URL('ensure-deploy-tool.sh', import.meta.url));

export type DeployTool = 'kind' | 'kind-config-check' | 'tilt';

/** The path of `tool`: built the first time (Tilt: about 11 minutes on 2 cores), then cached. */
export function ensureDeployTool(tool: DeployTool): Promise<string> {
  return ensureBuiltTool(script, tool);
}

export { runTool };

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

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../go-tools/ensure-go-tool.sh', import.meta.url));

/** The Go-built tools the tests use; versions are pinned in ensure-go-tool.sh. */
export type GoTool = 'kube-apiserver' | 'kubectl' | 'etcd' | 'helm' | 'promtool' | 'k6';

/**
 * The path of `tool`, built from its Go module the first time (minutes) and taken from the
 * cache afterwards (milliseconds).
 */
export async function ensureGoTool(tool: GoTool): Promise<string> {
  const { stdout } = await run('bash', [script, tool], {
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60 * 60_000,
  });
  const binary = stdout.trim().split('\n').at(-1);
  if (binary === undefined || binary === '') throw new Error(`building ${tool} printed no path`);
  return binary;
}

import { fileURLToPath } from 'node:url';
import { ensureBuiltTool } from './run-tool.ts';

const script = fileURLToPath(new URL('../go-tools/ensure-go-tool.sh', import.meta.url));

/** The Go-built tools the tests use; versions are pinned in ensure-go-tool.sh. */
export type GoTool = 'kube-apiserver' | 'kubectl' | 'etcd' | 'helm' | 'promtool' | 'k6';

/**
 * The path of `tool`, built from its Go module the first time (minutes) and taken from the
 * cache afterwards (milliseconds).
 */
export function ensureGoTool(tool: GoTool): Promise<string> {
  return ensureBuiltTool(script, tool);
}

import { ensureGoTool } from './go-tools.ts';
import { runTool } from './run-tool.ts';
import type { ToolResult } from './run-tool.ts';

/** What kubectl printed and how it exited. */
export type KubectlResult = ToolResult;

/** Runs the locally built kubectl against `kubeconfig`; never throws on a non-zero exit. */
export async function kubectl(
  kubeconfig: string,
  args: readonly string[],
  options: { readonly timeoutMs?: number } = {},
): Promise<KubectlResult> {
  return runTool(await ensureGoTool('kubectl'), [`--kubeconfig=${kubeconfig}`, ...args], options);
}

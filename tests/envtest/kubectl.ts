import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ensureGoTool } from './go-tools.ts';

const run = promisify(execFile);

/** What kubectl printed and how it exited. */
export interface KubectlResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the locally built kubectl against `kubeconfig`; never throws on a non-zero exit. */
export async function kubectl(
  kubeconfig: string,
  args: readonly string[],
  options: { readonly timeoutMs?: number } = {},
): Promise<KubectlResult> {
  const binary = await ensureGoTool('kubectl');
  try {
    const { stdout, stderr } = await run(binary, [`--kubeconfig=${kubeconfig}`, ...args], {
      timeout: options.timeoutMs ?? 120_000,
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

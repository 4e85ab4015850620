import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What a command printed and how it exited. */
export interface ToolResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link runTool}. */
export interface RunToolOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Killed after this long (default 2 minutes). */
  readonly timeoutMs?: number;
}

/**
 * Runs a locally built tool (kubectl, helm, kind, Tilt…) and returns what it printed; never
 * throws on a non-zero exit, because tests assert on refusals as often as on successes.
 */
export async function runTool(
  binary: string,
  args: readonly string[],
  options: RunToolOptions = {},
): Promise<ToolResult> {
  try {
    const { stdout, stderr } = await run(binary, [...args], {
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      ...(options.env === undefined ? {} : { env: options.env }),
      maxBuffer: 64 * 1024 * 1024,
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

/**
 * Runs a build-once script (`ensure-go-tool.sh`, `ensure-deploy-tool.sh`) for `tool` and
 * returns the binary path it prints last: minutes the first time, milliseconds from the cache.
 */
export async function ensureBuiltTool(script: string, tool: string): Promise<string> {
  const { stdout } = await run('bash', [script, tool], {
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60 * 60_000,
  });
  const binary = stdout.trim().split('\n').at(-1);
  if (binary === undefined || binary === '') throw new Error(`building ${tool} printed no path`);
  return binary;
}

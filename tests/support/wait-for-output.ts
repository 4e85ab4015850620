import type { ChildProcess } from 'node:child_process';

/**
 * Waits until a started stack (`npm start`, the load stack) prints `text`, failing with
 * what it printed when it exits first or takes longer than `timeoutMs`.
 */
export async function waitForOutput(
  what: string,
  child: ChildProcess,
  output: () => string,
  text: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!output().includes(text)) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${what} exited during start-up:\n${output()}`);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what} did not print "${text}" within ${String(timeoutMs)} ms:\n${output()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Closes what a harness opened, last opened first. Every closer runs even when one fails, so a
 * failed cleanup never leaves a server or database behind; the failures are thrown together.
 */
export async function closeAll(closers: readonly (() => Promise<void>)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const close of [...closers].reverse()) {
    try {
      await close();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, 'cleanup failed');
}

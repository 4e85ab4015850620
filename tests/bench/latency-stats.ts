/** Summary of one series of timings, in milliseconds. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly max: number;
}

/** The value below which `fraction` of the sorted samples lie (nearest-rank). */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Median, p99, mean and max of a set of samples. */
export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    mean: sorted.length === 0 ? Number.NaN : total / sorted.length,
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** The median of several rounds' values: one noisy round cannot make or break a result. */
export function medianOf(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/**
 * Times `operation` `count` times with at most `concurrency` in flight and returns each
 * call's duration in milliseconds.
 */
export async function timeCalls(
  operation: () => Promise<unknown>,
  count: number,
  concurrency: number,
): Promise<number[]> {
  const samples: number[] = [];
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < count) {
      started += 1;
      const begin = performance.now();
      await operation();
      samples.push(performance.now() - begin);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return samples;
}

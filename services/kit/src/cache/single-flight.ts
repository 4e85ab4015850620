/**
 * Collapses concurrent calls for the same key into one: the first caller runs `work`, the
 * others await its promise. Nothing is remembered once it settles, so a failure is retried by
 * the next caller rather than cached.
 */
export interface SingleFlight<T> {
  run(key: string, work: () => Promise<T>): Promise<T>;
}

/** A single-flight group; one per store so keys of different stores never collide. */
export function createSingleFlight<T>(): SingleFlight<T> {
  const inFlight = new Map<string, Promise<T>>();
  return {
    run(key, work) {
      const pending = inFlight.get(key);
      if (pending !== undefined) return pending;
      const started = (async () => {
        try {
          return await work();
        } finally {
          inFlight.delete(key);
        }
      })();
      inFlight.set(key, started);
      return started;
    },
  };
}

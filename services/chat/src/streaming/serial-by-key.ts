/** Runs work one at a time per key; see {@link createSerialByKey}. */
export type SerialByKey = <T>(key: string, work: () => Promise<T>) => Promise<T>;

/**
 * Runs each key's work in call order, one at a time, whatever the outcome of the work before.
 * A key's entry is dropped once its queue drains, so idle keys hold no memory.
 */
export function createSerialByKey(): SerialByKey {
  const tails = new Map<string, Promise<void>>();
  return <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const result = (tails.get(key) ?? Promise.resolve()).then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}

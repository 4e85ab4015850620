import { sleep } from 'k6';

/** Pauses like a person or client between actions: a random time in [min, max] seconds. */
export function thinkTime(minSeconds: number, maxSeconds: number): void {
  sleep(minSeconds + Math.random() * (maxSeconds - minSeconds));
}

/** One of `items`, chosen at random. */
export function pick<T>(items: readonly [T, ...T[]]): T {
  return items[Math.floor(Math.random() * items.length)] ?? items[0];
}

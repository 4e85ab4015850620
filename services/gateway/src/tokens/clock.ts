/**
 * The current time. Token code takes one so tests can move time forward (expiry, rotation)
 * instead of waiting for it.
 */
export type Clock = () => Date;

/** The machine's clock. */
export const systemClock: Clock = () => new Date();

/** `date` in whole seconds since the epoch, as JWT claims count time. */
export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** `date` moved by `seconds` (negative moves back). */
export function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}

/**
 * Checks a caller's `limit` before it reaches SQL, where a fraction or a negative number
 * would fail as an opaque database error.
 */
export function checkLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
  }
  return limit;
}

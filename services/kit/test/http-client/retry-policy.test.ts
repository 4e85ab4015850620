import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  isIdempotentMethod,
  parseRetryAfterMs,
} from '../../src/http-client/retry-policy.ts';

describe('retry policy', () => {
  const retry = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };

  it('draws each delay below a ceiling that doubles up to maxDelayMs', () => {
    const almostOne = (): number => 0.999_999;
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(n, retry, almostOne))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(backoffDelayMs(3, retry, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfterMs('30', now)).toBe(30_000);
    expect(parseRetryAfterMs('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfterMs('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
  });

  it('knows which methods are idempotent', () => {
    expect(['get', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'].every(isIdempotentMethod)).toBe(true);
    expect(['POST', 'PATCH'].some(isIdempotentMethod)).toBe(false);
  });
});

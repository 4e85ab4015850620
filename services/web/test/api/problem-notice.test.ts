import { describe, expect, it } from 'vitest';
import { ApiError, apiErrorFrom } from '../../src/api/api-error.ts';
import { isOfflinePlannerAnswer, noticeFor } from '../../src/api/problem-notice.ts';

function problem(status: number, body: object, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ status, ...body }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

describe('noticeFor', () => {
  it('tells when the daily quota resets', async () => {
    const error = await apiErrorFrom(
      problem(429, {
        code: 'CHAT_QUOTA_EXCEEDED',
        detail: 'Your organisation has used its tokens for today.',
        resetsAt: '2030-01-02T00:00:00.000Z',
      }),
    );
    expect(noticeFor(error)).toEqual({
      kind: 'quota-exhausted',
      message: 'Your organisation has used its tokens for today.',
      resetsAt: '2030-01-02T00:00:00.000Z',
    });
  });

  it('says how long to wait when rate limited, by chat or by the gateway', async () => {
    for (const code of ['CHAT_RATE_LIMITED', 'GW_RATE_LIMITED']) {
      const error = await apiErrorFrom(
        problem(429, { code, detail: 'x' }, { 'retry-after': '12' }),
      );
      const notice = noticeFor(error);
      expect(notice.kind).toBe('rate-limited');
      expect(notice.message).toContain('12 seconds');
    }
  });

  it('reports an upstream outage for 502, 503 and 504, even without a problem body', async () => {
    for (const status of [502, 503, 504]) {
      const error = await apiErrorFrom(new Response('<html>bad gateway</html>', { status }));
      expect(noticeFor(error).kind).toBe('upstream-down');
    }
  });

  it('maps 401 to signed out, no answer to offline, and anything else to its detail', () => {
    const base = {
      code: 'X',
      detail: 'Title is too long.',
      retryAfterSeconds: null,
      resetsAt: null,
    };
    expect(noticeFor(new ApiError({ ...base, status: 401 })).kind).toBe('signed-out');
    expect(noticeFor(new ApiError({ ...base, status: 0 })).kind).toBe('offline');
    expect(noticeFor(new ApiError({ ...base, status: 400 }))).toEqual({
      kind: 'error',
      message: 'Title is too long.',
    });
  });
});

describe('isOfflinePlannerAnswer', () => {
  it('recognises the offline planner by the prefix of its answers', () => {
    expect(isOfflinePlannerAnswer('(Offline planner, no language model) 3 bases')).toBe(true);
    expect(isOfflinePlannerAnswer('There are 3 bases.')).toBe(false);
  });
});

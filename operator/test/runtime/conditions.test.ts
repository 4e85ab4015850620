import { describe, expect, it } from 'vitest';
import { findCondition, setConditions } from '../../src/runtime/conditions.ts';

describe('conditions', () => {
  const first = new Date('2026-01-01T00:00:00Z');
  const later = new Date('2026-01-02T00:00:00Z');

  it('keeps the transition time while the status stays, and moves it when it changes', () => {
    const ready = setConditions(
      undefined,
      [{ type: 'Ready', status: 'True', reason: 'Validated', message: 'ok' }],
      1,
      first,
    );
    const refreshed = setConditions(
      ready,
      [{ type: 'Ready', status: 'True', reason: 'Validated', message: 'still ok' }],
      2,
      later,
    );
    expect(findCondition(refreshed, 'Ready')).toEqual({
      type: 'Ready',
      status: 'True',
      reason: 'Validated',
      message: 'still ok',
      observedGeneration: 2,
      lastTransitionTime: first.toISOString(),
    });
    const failed = setConditions(
      refreshed,
      [{ type: 'Ready', status: 'False', reason: 'TokenRejected', message: 'no' }],
      2,
      later,
    );
    expect(findCondition(failed, 'Ready')?.lastTransitionTime).toBe(later.toISOString());
  });

  it('leaves conditions it was not given alone', () => {
    const both = setConditions(
      [
        {
          type: 'Synced',
          status: 'True',
          reason: 'Written',
          message: '',
          lastTransitionTime: first.toISOString(),
        },
      ],
      [{ type: 'Ready', status: 'Unknown', reason: 'Checking', message: '' }],
      3,
      later,
    );
    expect(both.map((condition) => condition.type)).toEqual(['Synced', 'Ready']);
  });
});

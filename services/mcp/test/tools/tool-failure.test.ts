import { airtableErrors } from '@pyairtable/airtable-access';
import { describe, expect, it } from 'vitest';
import { failureResult, ToolFailure } from '../../src/tools/tool-failure.ts';

function textOf(error: unknown): string {
  const result = failureResult(error);
  expect(result.isError).toBe(true);
  const first = result.content[0];
  return first?.type === 'text' ? first.text : '';
}

describe('failureResult', () => {
  it('tells the model to wait when the rate-limit wait would be exceeded', () => {
    const error = airtableErrors.AIRTABLE_QUEUE_FULL({
      lane: 'base appmHgZ6xqMi4F07F',
      waitedMs: 40_000,
      moreMs: 5_000,
      maxQueueWaitMs: 40_000,
    });
    expect(textOf(error)).toMatch(/queue for base appmHgZ6xqMi4F07F is full.*wait a few seconds/);
  });

  it('names the ids already written after a partial write', () => {
    const error = airtableErrors.AIRTABLE_PARTIAL_WRITE({
      written: 10,
      total: 15,
      writtenIds: ['recAAAAAAAAAAAAAA'],
      failure: 'INVALID_VALUE_FOR_COLUMN',
    });
    expect(textOf(error)).toMatch(/Written ids: recAAAAAAAAAAAAAA.*Do not resend/);
  });

  it('passes a ToolFailure through as written and hides nothing else', () => {
    expect(textOf(new ToolFailure('Give a new name.'))).toBe('Give a new name.');
    expect(textOf(new Error('socket hang up'))).toMatch(/unexpectedly \(socket hang up\)/);
  });
});

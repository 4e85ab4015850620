import { describe, expect, it } from 'vitest';
import {
  TOOL_RESULT_PREVIEW_CHARS,
  toolResultPreview,
} from '../../src/conversation/tool-result-preview.ts';

describe('toolResultPreview', () => {
  it('shows a structured result as JSON', () => {
    expect(toolResultPreview({ records: [{ id: 'rec1' }] })).toBe('{"records":[{"id":"rec1"}]}');
  });

  it('shows error text as it is', () => {
    expect(toolResultPreview('list_records failed: boom')).toBe('list_records failed: boom');
  });

  it('cuts a long result with an ellipsis', () => {
    const preview = toolResultPreview({ text: 'x'.repeat(2000) });
    expect(preview).toHaveLength(TOOL_RESULT_PREVIEW_CHARS + 1);
    expect(preview.endsWith('…')).toBe(true);
  });

  it('keeps a result of exactly the limit whole', () => {
    const text = 'y'.repeat(TOOL_RESULT_PREVIEW_CHARS);
    expect(toolResultPreview(text)).toBe(text);
  });

  it('shows a missing result as null', () => {
    expect(toolResultPreview(undefined)).toBe('null');
  });
});

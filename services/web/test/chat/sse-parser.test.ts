import { describe, expect, it } from 'vitest';
import { SseParser } from '../../src/chat/sse-parser.ts';
import type { SseEvent } from '../../src/chat/sse-parser.ts';

function parse(chunks: readonly (string | Uint8Array)[]): {
  events: SseEvent[];
  retries: number[];
} {
  const events: SseEvent[] = [];
  const retries: number[] = [];
  const parser = new SseParser(
    (event) => events.push(event),
    (ms) => retries.push(ms),
  );
  for (const chunk of chunks) parser.push(chunk);
  return { events, retries };
}

describe('SseParser', () => {
  it('dispatches named events with their ids at blank lines', () => {
    const { events } = parse(['id: 1\nevent: message.delta\ndata: {"text":"Hi"}\n\n']);
    expect(events).toEqual([{ event: 'message.delta', data: '{"text":"Hi"}', id: '1' }]);
  });

  it('reassembles events split anywhere across chunks, CRLF pairs included', () => {
    const { events } = parse([
      'id: 7\r',
      '\nevent: tool.c',
      'all\r\ndata: {"a"',
      ':1}\r\n',
      '\r\n',
    ]);
    expect(events).toEqual([{ event: 'tool.call', data: '{"a":1}', id: '7' }]);
  });

  it('decodes UTF-8 characters split between byte chunks', () => {
    const bytes = new TextEncoder().encode('data: café ☕\n\n');
    const { events } = parse([bytes.slice(0, 10), bytes.slice(10, 14), bytes.slice(14)]);
    expect(events[0]?.data).toBe('café ☕');
  });

  it('joins multi-line data, skips comments and reports retry', () => {
    const { events, retries } = parse(['retry: 2000\n\n: keep-alive\n\ndata: one\ndata: two\n\n']);
    expect(retries).toEqual([2000]);
    expect(events).toEqual([{ event: 'message', data: 'one\ntwo', id: '' }]);
  });

  it('keeps the last id for events that carry none', () => {
    const { events } = parse(['id: 3\ndata: a\n\ndata: b\n\n']);
    expect(events.map((event) => event.id)).toEqual(['3', '3']);
  });

  it('does not dispatch an event until its blank line arrives', () => {
    const { events } = parse(['event: message.delta\ndata: {"text":"x"}\n']);
    expect(events).toEqual([]);
  });
});

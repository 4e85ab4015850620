import { describe, expect, it } from 'vitest';
import { createSseParser, readSseEvents } from '../../src/realtime/sse-parser.ts';
import type { SseEvent } from '../../src/realtime/sse-parser.ts';

function parseInChunks(chunks: readonly string[]): SseEvent[] {
  const parser = createSseParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
}

describe('the SSE parser', () => {
  it('reads the events chat writes, with their ids and names', () => {
    const events = parseInChunks([
      'retry: 2000\n\n',
      'id: 1\nevent: message.started\ndata: {"answerId":"m1"}\n\n',
      'id: 2\nevent: message.delta\ndata: {"text":"Hi"}\n\n',
    ]);
    expect(events).toEqual([
      { event: 'message.started', data: '{"answerId":"m1"}', lastEventId: '1' },
      { event: 'message.delta', data: '{"text":"Hi"}', lastEventId: '2' },
    ]);
  });

  it('gives the same events however the bytes are split, down to one character per chunk', () => {
    const stream =
      'id: 7\r\nevent: message.delta\r\ndata: {"text":"a"}\r\n\r\n' +
      'id: 8\revent: message.delta\rdata: {"text":"b"}\r\r' +
      'id: 9\nevent: message.completed\ndata: {}\n\n';
    const whole = parseInChunks([stream]);
    expect(whole.map((event) => event.lastEventId)).toEqual(['7', '8', '9']);
    const characters = Array.from({ length: stream.length }, (_, index) => stream.charAt(index));
    expect(parseInChunks(characters)).toEqual(whole);
    for (let at = 1; at < stream.length; at += 1) {
      expect(
        parseInChunks([stream.slice(0, at), stream.slice(at)]),
        `split at ${String(at)}`,
      ).toEqual(whole);
    }
  });

  it('does not dispatch an event until its blank line arrives', () => {
    const parser = createSseParser();
    expect(parser.push('id: 1\nevent: message.delta\ndata: {"te')).toEqual([]);
    expect(parser.push('xt":"x"}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([
      { event: 'message.delta', data: '{"text":"x"}', lastEventId: '1' },
    ]);
  });

  it('skips comments such as keep-alives, and frames without data', () => {
    const events = parseInChunks([
      ': keep-alive\n\n',
      'id: 3\n\n',
      ':comment\nevent: tool.call\n: between fields\ndata: {}\n\n',
    ]);
    // The id of a frame without data still counts, as it would for Last-Event-ID.
    expect(events).toEqual([{ event: 'tool.call', data: '{}', lastEventId: '3' }]);
  });

  it('joins multi-line data with newlines and keeps spaces after the first', () => {
    const events = parseInChunks(['data: first\ndata:second\ndata:  third\ndata\n\n']);
    expect(events).toEqual([
      { event: 'message', data: 'first\nsecond\n third\n', lastEventId: '' },
    ]);
  });

  it('drops a leading byte order mark and an unfinished frame at the end', async () => {
    const encoder = new TextEncoder();
    const body = ['\uFEFFdata: one\n\n', 'data: cut off'].map((text) => encoder.encode(text));
    const events: SseEvent[] = [];
    for await (const event of readSseEvents(body)) events.push(event);
    expect(events).toEqual([{ event: 'message', data: 'one', lastEventId: '' }]);
  });

  it('decodes characters whose bytes are split between chunks', async () => {
    const bytes = new TextEncoder().encode('data: {"text":"é😀"}\n\n');
    const chunks = [bytes.slice(0, 16), bytes.slice(16, 19), bytes.slice(19)];
    const events: SseEvent[] = [];
    for await (const event of readSseEvents(chunks)) events.push(event);
    expect(events.map((event) => event.data)).toEqual(['{"text":"é😀"}']);
  });
});

import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServiceTracer, markSpanFailed } from '../../src/tracing/service-tracer.ts';
import { recordSpans } from '../../src/testing/recorded-spans.ts';
import type { RecordedSpans } from '../../src/testing/recorded-spans.ts';

const tracer = createServiceTracer('@pyairtable/kit-test');
let recorded: RecordedSpans;

beforeEach(() => {
  recorded = recordSpans();
});
afterEach(async () => {
  await recorded.stop();
});

async function span(name: string) {
  const found = (await recorded.finished()).find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no span ${name}`);
  return found;
}

// What a library instrumentation would do inside the work: start a span in the active context.
function childWork(name: string): void {
  trace.getTracer('library').startSpan(name).end();
}

describe('createServiceTracer', () => {
  it('makes the span active for the work, so what it calls becomes its children', async () => {
    const result = await tracer.inSpan(
      'generate',
      { kind: 'client', attributes: { 'gen_ai.request.model': 'm' } },
      async () => {
        await Promise.resolve();
        childWork('http');
        return 42;
      },
    );

    expect(result).toBe(42);
    const parent = await span('generate');
    expect(parent.kind).toBe(SpanKind.CLIENT);
    expect(parent.attributes['gen_ai.request.model']).toBe('m');
    expect(parent.instrumentationScope.name).toBe('@pyairtable/kit-test');
    expect((await span('http')).parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
  });

  it('marks a span whose work throws failed, with the message masked, and rethrows', async () => {
    const failing = tracer.inSpan('call', { errorType: () => 'timeout' }, () =>
      Promise.reject(new Error('GET http://user:secret@host/ timed out')),
    );

    await expect(failing).rejects.toThrow('timed out');
    const failed = await span('call');
    expect(failed.attributes['error.type']).toBe('timeout');
    expect(failed.status.code).toBe(SpanStatusCode.ERROR);
    expect(failed.status.message).not.toContain('secret');
  });

  it('keeps the span active across the steps of a stream and ends it with the stream', async () => {
    async function* source() {
      await Promise.resolve();
      childWork('first request');
      yield 1;
      await Promise.resolve();
      childWork('second request');
      yield 2;
    }
    const items: number[] = [];
    for await (const item of tracer.iterateInSpan('stream', {}, () => source())) items.push(item);

    expect(items).toEqual([1, 2]);
    const parent = (await span('stream')).spanContext().spanId;
    expect((await span('first request')).parentSpanContext?.spanId).toBe(parent);
    expect((await span('second request')).parentSpanContext?.spanId).toBe(parent);
  });

  it('lets an abandoned stream clean up inside the span, and does not mark it failed', async () => {
    let cleanedUp = false;
    async function* source() {
      try {
        await Promise.resolve();
        yield 1;
        yield 2;
      } finally {
        childWork('abort request');
        cleanedUp = true;
      }
    }
    for await (const item of tracer.iterateInSpan('stream', {}, () => source())) {
      if (item === 1) break;
    }

    expect(cleanedUp).toBe(true);
    const stream = await span('stream');
    expect(stream.status.code).toBe(SpanStatusCode.UNSET);
    expect((await span('abort request')).parentSpanContext?.spanId).toBe(
      stream.spanContext().spanId,
    );
  });

  it('marks a failed stream with the error type it classifies', async () => {
    const failing: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new RangeError('no')) }),
    };
    const read = async () => {
      const items: number[] = [];
      for await (const item of tracer.iterateInSpan('stream', {}, () => failing)) items.push(item);
      return items;
    };

    await expect(read()).rejects.toThrow('no');
    expect((await span('stream')).attributes['error.type']).toBe('RangeError');
  });
});

describe('markSpanFailed', () => {
  it('records a failure that was not thrown, such as a tool error result', async () => {
    await tracer.inSpan('tool', {}, (started) => {
      markSpanFailed(started, 'tool_error');
      return Promise.resolve();
    });

    expect((await span('tool')).attributes['error.type']).toBe('tool_error');
    expect((await span('tool')).status.code).toBe(SpanStatusCode.ERROR);
  });
});

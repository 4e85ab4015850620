import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { SharedStore } from '@pyairtable/kit';
import { createStreamBuffer } from '../../src/streaming/create-stream-buffer.ts';
import type { StreamEvent } from '../../src/streaming/stream-buffer.ts';
import { countSubscriptions, losingHalfTheMessages, storeBackends } from './store-backends.ts';

function delta(index: number) {
  return { event: 'message.delta', data: { text: `part ${String(index)}` } } as const;
}

/** Every event of `events` until it ends, or the first `max`. */
async function collect(events: AsyncIterable<StreamEvent>, max = Infinity): Promise<StreamEvent[]> {
  const seen: StreamEvent[] = [];
  if (max <= 0) return seen;
  for await (const event of events) {
    seen.push(event);
    if (seen.length >= max) break;
  }
  return seen;
}

function ids(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, index) => String(from + index));
}

describe.each(storeBackends)('stream buffer on the $name', (backend) => {
  const stores: SharedStore[] = [];
  const newStore = (): SharedStore => {
    const store = backend.create();
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  it('gives increasing ids in append order and reads everything back', async () => {
    const buffer = createStreamBuffer({ store: newStore() });
    const streamId = randomUUID();

    // Not awaited one by one: the buffer still hands out ids in call order.
    const appended = await Promise.all(
      Array.from({ length: 20 }, (_, index) => buffer.append(streamId, delta(index))),
    );
    await buffer.append(streamId, { event: 'message.completed', data: { messageId: 'msg_1' } });
    await buffer.finish(streamId);

    expect(appended.map((event) => event.id)).toEqual(ids(1, 20));
    const read = await collect(buffer.read(streamId));
    expect(read.map((event) => event.id)).toEqual(ids(1, 21));
    expect(read[3]).toEqual({ id: '4', event: 'message.delta', data: { text: 'part 3' } });
    expect(read[20]?.event).toBe('message.completed');
  });

  it('streams live events to a reader and ends it at finish', async () => {
    const buffer = createStreamBuffer({ store: newStore() });
    const streamId = randomUUID();
    await buffer.append(streamId, delta(0));

    const reading = collect(buffer.read(streamId));
    for (let index = 1; index < 10; index += 1) {
      await delay(2);
      await buffer.append(streamId, delta(index));
    }
    await buffer.finish(streamId);

    const read = await reading;
    expect(read.map((event) => event.id)).toEqual(ids(1, 10));
    expect(read.map((event) => event.data)).toEqual(
      Array.from({ length: 10 }, (_, index) => ({ text: `part ${String(index)}` })),
    );
  });

  it('resumes after Last-Event-ID with nothing missing or repeated while events keep coming', async () => {
    const buffer = createStreamBuffer({ store: newStore() });
    const streamId = randomUUID();
    const total = 150;
    await buffer.append(streamId, delta(0));
    const appending = (async () => {
      for (let index = 1; index < total; index += 1) {
        await buffer.append(streamId, delta(index));
        if (index % 10 === 0) await delay(1);
      }
      await buffer.finish(streamId);
    })();

    // A client that loses its connection three times, each time resuming from the last id seen.
    const received: StreamEvent[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const lastId = received.at(-1)?.id;
      received.push(
        ...(await collect(
          buffer.read(streamId, lastId === undefined ? {} : { afterId: lastId }),
          25,
        )),
      );
    }
    const lastId = received.at(-1)?.id ?? '0';
    received.push(...(await collect(buffer.read(streamId, { afterId: lastId }))));
    await appending;

    expect(received.map((event) => event.id)).toEqual(ids(1, total));
    expect(received.at(-1)?.data).toEqual({ text: `part ${String(total - 1)}` });
  });

  it('gives a reader that arrives after finish everything, then ends', async () => {
    const buffer = createStreamBuffer({ store: newStore() });
    const streamId = randomUUID();
    for (let index = 0; index < 5; index += 1) await buffer.append(streamId, delta(index));
    await buffer.finish(streamId);

    expect((await collect(buffer.read(streamId))).map((event) => event.id)).toEqual(ids(1, 5));
    expect((await collect(buffer.read(streamId, { afterId: '3' }))).map((e) => e.id)).toEqual([
      '4',
      '5',
    ]);
    expect(await collect(buffer.read(streamId, { afterId: '5' }))).toEqual([]);
  });

  it('ends at once for a stream it does not know', async () => {
    const buffer = createStreamBuffer({ store: newStore() });
    expect(await collect(buffer.read(randomUUID()))).toEqual([]);
    expect(await collect(buffer.read(randomUUID(), { afterId: '12' }))).toEqual([]);
  });

  it('ends a finished stream with no events at once', async () => {
    const buffer = createStreamBuffer({ store: newStore() });
    const streamId = randomUUID();
    await buffer.finish(streamId);
    expect(await collect(buffer.read(streamId))).toEqual([]);
  });

  it('ends at once for a stream whose events expired', async () => {
    const buffer = createStreamBuffer({ store: newStore(), ttlMs: 30 });
    const streamId = randomUUID();
    await buffer.append(streamId, delta(0));
    await buffer.append(streamId, delta(1));
    await buffer.finish(streamId);
    await delay(80);

    expect(await collect(buffer.read(streamId))).toEqual([]);
  });

  it('ends the iterator and lets go of its subscription when the signal aborts', async () => {
    const counted = countSubscriptions(newStore());
    const buffer = createStreamBuffer({ store: counted.store });
    const streamId = randomUUID();
    await buffer.append(streamId, delta(0));
    const controller = new AbortController();

    const seen: string[] = [];
    const reading = (async () => {
      for await (const event of buffer.read(streamId, { signal: controller.signal })) {
        seen.push(event.id);
      }
    })();
    await buffer.append(streamId, delta(1));
    await expect.poll(() => seen).toEqual(['1', '2']);
    expect(counted.active()).toBe(1);

    // The stream is not finished: only the abort can end this reader.
    controller.abort();
    await reading;
    expect(counted.active()).toBe(0);
    expect(await collect(buffer.read(streamId, { signal: controller.signal }))).toEqual([]);
  });

  it('lets go of its subscription when the consumer stops early', async () => {
    const counted = countSubscriptions(newStore());
    const buffer = createStreamBuffer({ store: counted.store });
    const streamId = randomUUID();
    for (let index = 0; index < 3; index += 1) await buffer.append(streamId, delta(index));

    expect(await collect(buffer.read(streamId), 1)).toHaveLength(1);
    expect(counted.active()).toBe(0);
  });

  it('misses nothing when pub/sub loses messages', async () => {
    const store = losingHalfTheMessages(newStore());
    const buffer = createStreamBuffer({ store, pollIntervalMs: 20 });
    const streamId = randomUUID();
    await buffer.append(streamId, delta(0));

    const reading = collect(buffer.read(streamId));
    for (let index = 1; index < 30; index += 1) {
      await buffer.append(streamId, delta(index));
      if (index % 5 === 0) await delay(5);
    }
    await buffer.finish(streamId);

    expect((await reading).map((event) => event.id)).toEqual(ids(1, 30));
  });

  it('refuses events beyond maxEvents and still ends its readers', async () => {
    const buffer = createStreamBuffer({ store: newStore(), maxEvents: 3 });
    const streamId = randomUUID();
    for (let index = 0; index < 3; index += 1) await buffer.append(streamId, delta(index));

    await expect(buffer.append(streamId, delta(3))).rejects.toThrow(RangeError);
    await buffer.finish(streamId);
    expect((await collect(buffer.read(streamId))).map((event) => event.id)).toEqual(ids(1, 3));
  });

  it('rejects an afterId that is not an event id', async () => {
    const buffer = createStreamBuffer({ store: newStore() });
    await expect(collect(buffer.read(randomUUID(), { afterId: 'abc' }))).rejects.toThrow(
      RangeError,
    );
  });
});

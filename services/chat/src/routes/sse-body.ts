import { Readable } from 'node:stream';
import type { StreamEvent } from '../streaming/stream-buffer.ts';

/**
 * The SSE wire form of a stream: `id:`, `event:` and one `data:` line of JSON per event, and a
 * comment every `heartbeatMs` so proxies and load balancers keep an idle stream open.
 */
export function sseBody(
  events: AsyncIterable<StreamEvent>,
  options: { readonly heartbeatMs: number },
): Readable {
  async function* frames(): AsyncGenerator<string> {
    yield `retry: 2000\n\n`;
    const iterator = events[Symbol.asyncIterator]();
    let pending = iterator.next();
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const heartbeat = new Promise<'heartbeat'>((resolve) => {
        timer = setTimeout(() => {
          resolve('heartbeat');
        }, options.heartbeatMs);
      });
      const next = await Promise.race([pending, heartbeat]);
      clearTimeout(timer);
      if (next === 'heartbeat') {
        yield ': keep-alive\n\n';
        continue;
      }
      if (next.done === true) return;
      const event = next.value;
      yield `id: ${event.id}\nevent: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
      pending = iterator.next();
    }
  }
  return Readable.from(frames(), { objectMode: false });
}

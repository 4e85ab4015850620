/**
 * Server-sent events from a whole response body. k6's HTTP client hands a stream over only
 * once it has ended, so this reads a finished stream: enough to check what was sent, not
 * when each event came (the WebSocket workload measures that).
 */
import { parseJson } from './json-body.ts';

/** One event: its `id:`, `event:` and parsed `data:`. */
export interface SseEvent {
  readonly id: number | undefined;
  readonly event: string;
  readonly data: unknown;
}

/** The events of an SSE body, in order; comments and `retry:` lines are skipped. */
export function parseSse(body: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of body.split(/\r?\n\r?\n/)) {
    let id: number | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon === 0 || line === '') continue;
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = Number(value);
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) events.push({ id, event, data: parseJson(data.join('\n')) });
  }
  return events;
}

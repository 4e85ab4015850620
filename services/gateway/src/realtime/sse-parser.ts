/** One event of a `text/event-stream`, as the WHATWG event stream format dispatches it. */
export interface SseEvent {
  /** `event:`; `message` when the frame names none. */
  readonly event: string;
  /** The `data:` lines joined with `\n`. */
  readonly data: string;
  /** The last `id:` seen so far (it carries over to later frames), as `Last-Event-ID` would. */
  readonly lastEventId: string;
}

/** An incremental event-stream parser: feed it text as it arrives, in chunks of any size. */
export interface SseParser {
  /** Parses `text` after what came before and returns the events it completed. */
  push(text: string): SseEvent[];
}

/**
 * A parser for the event stream format (html.spec.whatwg.org, "Parsing an event stream"):
 * lines end in CRLF, LF or CR, even when a chunk ends between CR and LF; `:` lines are comments
 * (chat's keep-alives); a frame without data dispatches nothing. `retry:` is ignored, since the
 * gateway reconnects on its client's behalf and not on a timer. Hand-written because the few
 * libraries that parse SSE either own the fetch (EventSource polyfills) or are larger than this.
 */
export function createSseParser(): SseParser {
  let buffer = '';
  let started = false;
  // A CR ended the last chunk: an LF that opens the next one belongs to it.
  let afterCr = false;
  let event = '';
  let data: string[] = [];
  let lastEventId = '';

  function line(text: string, dispatched: SseEvent[]): void {
    if (text === '') {
      if (data.length > 0) {
        dispatched.push({
          event: event === '' ? 'message' : event,
          data: data.join('\n'),
          lastEventId,
        });
      }
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) lastEventId = value;
  }

  return {
    push(text) {
      let chunk = text;
      if (!started && chunk.length > 0) {
        started = true;
        if (chunk.startsWith('\uFEFF')) chunk = chunk.slice(1);
      }
      if (afterCr && chunk.startsWith('\n')) chunk = chunk.slice(1);
      afterCr = false;
      buffer += chunk;
      const dispatched: SseEvent[] = [];
      let start = 0;
      for (let index = 0; index < buffer.length; index += 1) {
        const char = buffer[index];
        if (char !== '\n' && char !== '\r') continue;
        line(buffer.slice(start, index), dispatched);
        if (char === '\r') {
          if (index + 1 === buffer.length) afterCr = true;
          else if (buffer[index + 1] === '\n') index += 1;
        }
        start = index + 1;
      }
      buffer = buffer.slice(start);
      return dispatched;
    },
  };
}

/**
 * The events of a response body as they arrive. Ends with the body; a body that fails (the
 * connection dropped, or `signal` aborted the fetch) throws out of the loop.
 */
export async function* readSseEvents(
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<SseEvent, void, undefined> {
  const parser = createSseParser();
  const decoder = new TextDecoder();
  for await (const bytes of body) {
    yield* parser.push(decoder.decode(bytes, { stream: true }));
  }
  yield* parser.push(decoder.decode());
}

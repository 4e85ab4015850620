/** One dispatched server-sent event. */
export interface SseEvent {
  readonly event: string;
  readonly data: string;
  /** The last event id seen so far in the stream (it carries over events without `id:`). */
  readonly id: string;
}

/**
 * An incremental parser of the `text/event-stream` format as the HTML standard defines it:
 * chunks may split lines (and CRLF pairs) anywhere; `data:` lines join with newlines; comments
 * (`: keep-alive`) are skipped; `retry:` is reported separately. Written by hand because the
 * browser's EventSource cannot POST nor send an Authorization header, and the format is small.
 */
export class SseParser {
  readonly #onEvent: (event: SseEvent) => void;
  readonly #onRetry: (milliseconds: number) => void;
  #buffer = '';
  #pendingCr = false;
  #eventType = '';
  #data: string[] = [];
  #lastEventId = '';
  readonly #decoder = new TextDecoder();

  constructor(onEvent: (event: SseEvent) => void, onRetry: (milliseconds: number) => void = noop) {
    this.#onEvent = onEvent;
    this.#onRetry = onRetry;
  }

  /** The id of the last event received, for `Last-Event-ID` on reconnection. */
  get lastEventId(): string {
    return this.#lastEventId;
  }

  /** Feeds bytes (decoded as UTF-8 across chunk boundaries) or text. */
  push(chunk: Uint8Array | string): void {
    let text = typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true });
    // A CR ending the previous chunk already ended its line: a LF right after it is its pair.
    if (this.#pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.#pendingCr = false;
    this.#buffer += text;
    let start = 0;
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.#buffer.slice(start));
      if (match === null) break;
      const end = start + match.index;
      const line = this.#buffer.slice(start, end);
      start = end + match[0].length;
      if (match[0] === '\r' && start === this.#buffer.length) this.#pendingCr = true;
      this.#line(line);
    }
    this.#buffer = this.#buffer.slice(start);
  }

  #line(line: string): void {
    if (line === '') {
      this.#dispatch();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.#eventType = value;
        break;
      case 'data':
        this.#data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.#lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.#onRetry(Number(value));
        break;
      default:
        // Unknown fields are ignored, as the standard says.
        break;
    }
  }

  #dispatch(): void {
    const eventType = this.#eventType;
    const data = this.#data;
    this.#eventType = '';
    this.#data = [];
    if (data.length === 0) return;
    this.#onEvent({
      event: eventType === '' ? 'message' : eventType,
      data: data.join('\n'),
      id: this.#lastEventId,
    });
  }
}

function noop(): void {
  // No retry handler given.
}

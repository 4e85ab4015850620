/**
 * The SSE clients of the chat benchmark's memory measurement, run with `fork()` so their
 * sockets and buffers are not counted in the memory of the process serving the streams.
 * Receives {@link OpenStreams}, reports `opened` once every stream has delivered its first
 * event (so the server holds a reader for each), then `ended` once every stream has ended,
 * and exits.
 */

/** What the parent asks for. */
export interface OpenStreams {
  readonly type: 'open';
  readonly urls: readonly string[];
  readonly headers: Readonly<Record<string, string>>;
}

/** What this process reports back. */
export type SseClientsReport =
  | { readonly type: 'opened'; readonly open: number; readonly failed: number }
  | { readonly type: 'ended'; readonly completed: number; readonly failed: number };

type Outcome = 'completed' | 'ended' | 'failed';

// Markers are short; keeping this much of the previous chunk finds one split across two.
const CARRY_CHARS = 64;

function report(message: SseClientsReport): void {
  process.send?.(message);
}

/**
 * Follows one stream to its end; `onOpen` runs once, when its first event has arrived. Never
 * throws: a stream that never delivered an event is `failed`.
 */
async function follow(
  url: string,
  headers: Readonly<Record<string, string>>,
  onOpen: () => void,
): Promise<Outcome> {
  let opened = false;
  let completed = false;
  try {
    const response = await fetch(url, { headers });
    if (response.status !== 200 || response.body === null) return 'failed';
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let tail = '';
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      const text = tail + decoder.decode(chunk.value, { stream: true });
      if (!opened && text.includes('event: message.started')) {
        opened = true;
        onOpen();
      }
      if (text.includes('event: message.completed')) completed = true;
      tail = text.slice(-CARRY_CHARS);
    }
  } catch {
    // A connection lost midway ends the stream as the server closing it would.
  }
  if (!opened) return 'failed';
  return completed ? 'completed' : 'ended';
}

async function openAll(request: OpenStreams): Promise<void> {
  let open = 0;
  let failed = 0;
  const settle = (): void => {
    if (open + failed === request.urls.length) report({ type: 'opened', open, failed });
  };
  const outcomes = await Promise.all(
    request.urls.map(async (url) => {
      const outcome = await follow(url, request.headers, () => {
        open += 1;
        settle();
      });
      if (outcome === 'failed') {
        failed += 1;
        settle();
      }
      return outcome;
    }),
  );
  report({
    type: 'ended',
    completed: outcomes.filter((outcome) => outcome === 'completed').length,
    failed,
  });
  process.disconnect();
}

process.once('message', (message) => {
  void openAll(message as OpenStreams);
});

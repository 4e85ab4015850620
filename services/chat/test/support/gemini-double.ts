import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { isErrorScript, scriptedStream, wholeResponse } from './gemini-double/gemini-scripts.ts';
import type { ErrorScript, GeminiScript, ScriptedStream } from './gemini-double/gemini-scripts.ts';
import { invalidKeyError, wireError } from './gemini-double/gemini-wire.ts';
import type { GeminiRequestBody, WireError } from './gemini-double/gemini-wire.ts';

export type {
  ErrorScript,
  FunctionCallScript,
  GeminiScript,
  ScriptedFunctionCall,
  ScriptedUsage,
  TextScript,
} from './gemini-double/gemini-scripts.ts';
export type { GeminiRequestBody, WireContent, WirePart } from './gemini-double/gemini-wire.ts';

/** A request the double received. */
export interface RecordedGeminiRequest {
  readonly method: 'generateContent' | 'streamGenerateContent';
  /** The model named in the path, e.g. `gemini-2.5-flash`. */
  readonly model: string;
  readonly query: URLSearchParams;
  /** The `x-goog-api-key` header. */
  readonly apiKey: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: GeminiRequestBody;
}

/** Computes the answer to a request when nothing is queued. */
export type GeminiResponder = (
  request: RecordedGeminiRequest,
) => GeminiScript | Promise<GeminiScript>;

/** Settings for {@link startGeminiDouble}. */
export interface GeminiDoubleOptions {
  /** When set, any other key gets Gemini's "API key not valid" 400. */
  readonly apiKey?: string;
}

/** A Gemini API stand-in on 127.0.0.1 that answers what each test scripts. */
export interface GeminiDouble {
  /** Pass as `httpOptions.baseUrl`. */
  readonly baseUrl: string;
  /** Every request received, oldest first. */
  readonly requests: readonly RecordedGeminiRequest[];
  /** Queues answers: each request takes the oldest. */
  enqueue(...scripts: GeminiScript[]): void;
  /** Answers requests that find the queue empty. */
  respondWith(responder: GeminiResponder): void;
  close(): Promise<void>;
}

const ROUTE = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

/**
 * Starts a Gemini wire-compatible server for tests: `POST /v1beta/models/{model}:generateContent`
 * and `:streamGenerateContent?alt=sse` (frames `data: {...}` and a blank line, no `[DONE]`,
 * usage cumulative per chunk), errors as `{"error": {code, message, status}}`. The real
 * @google/genai client is pointed at it through its base URL, so no test mocks the SDK.
 */
export async function startGeminiDouble(options: GeminiDoubleOptions = {}): Promise<GeminiDouble> {
  const requests: RecordedGeminiRequest[] = [];
  const queue: GeminiScript[] = [];
  let responder: GeminiResponder | undefined;

  async function nextScript(request: RecordedGeminiRequest): Promise<GeminiScript> {
    const queued = queue.shift();
    if (queued !== undefined) return queued;
    if (responder !== undefined) return responder(request);
    return { error: 500, message: 'The Gemini double has nothing scripted for this request.' };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://double');
    const route = ROUTE.exec(url.pathname);
    if (req.method !== 'POST' || route === null) {
      sendJson(res, 404, wireError(404, `No route ${req.method ?? ''} ${url.pathname}.`));
      return;
    }
    const [, model = '', method = ''] = route;
    const body = await readJson(req);
    if (body === undefined) {
      sendJson(res, 400, wireError(400, 'Invalid JSON payload received.'));
      return;
    }
    const apiKey = headerValue(req.headers['x-goog-api-key']);
    const recorded: RecordedGeminiRequest = {
      method: method === 'generateContent' ? 'generateContent' : 'streamGenerateContent',
      model,
      query: url.searchParams,
      apiKey,
      headers: req.headers,
      body,
    };
    requests.push(recorded);
    if (options.apiKey !== undefined && apiKey !== options.apiKey) {
      sendJson(res, 400, invalidKeyError());
      return;
    }
    const script = await nextScript(recorded);
    if (isErrorScript(script)) {
      sendJson(res, script.error, errorBody(script));
      return;
    }
    const stream = scriptedStream(script, body, model, randomUUID());
    if (recorded.method === 'streamGenerateContent') await sendStream(req, res, stream);
    else await sendWhole(res, stream);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) sendJson(res, 500, wireError(500, `Gemini double failed: ${message}`));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${String(port)}`,
    requests,
    enqueue(...scripts) {
      queue.push(...scripts);
    },
    respondWith(next) {
      responder = next;
    },
    async close() {
      // Keep-alive connections from the client would hold close() open.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error === undefined) resolve();
          else reject(error);
        });
      });
    },
  };
}

function errorBody(script: ErrorScript): WireError {
  const details =
    script.retryDelaySeconds === undefined
      ? undefined
      : [
          {
            '@type': 'type.googleapis.com/google.rpc.RetryInfo',
            retryDelay: `${String(script.retryDelaySeconds)}s`,
          },
        ];
  return wireError(script.error, script.message, details);
}

async function sendStream(
  req: IncomingMessage,
  res: ServerResponse,
  stream: ScriptedStream,
): Promise<void> {
  // Stop writing (and pausing) once the client has gone, e.g. after it aborted.
  const gone = new AbortController();
  res.on('close', () => {
    gone.abort();
  });
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.flushHeaders();
  let sent = 0;
  for (const chunk of stream.chunks) {
    if (chunk.delayMs > 0) {
      try {
        await delay(chunk.delayMs, undefined, { signal: gone.signal });
      } catch {
        return;
      }
    }
    if (gone.signal.aborted) return;
    if (stream.dropAfterChunks !== undefined && sent >= stream.dropAfterChunks) {
      req.socket.destroy();
      return;
    }
    res.write(`data: ${JSON.stringify(chunk.response)}\n\n`);
    sent += 1;
  }
  res.end();
}

async function sendWhole(res: ServerResponse, stream: ScriptedStream): Promise<void> {
  const total = stream.chunks.reduce((sum, chunk) => sum + chunk.delayMs, 0);
  if (total > 0) await delay(total);
  const response = wholeResponse(stream);
  if (response === undefined) sendJson(res, 500, wireError(500, 'Scripted an empty answer.'));
  else sendJson(res, 200, response);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<GeminiRequestBody | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || !('contents' in parsed)) return undefined;
    return parsed as GeminiRequestBody;
  } catch {
    return undefined;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  answer,
  fakeId,
  findTable,
  refusal,
  tableSchema,
  type FakeAnswer,
  type FakeBase,
  type FakeField,
  type FakeRecord,
  type FakeTable,
} from './fake-airtable-data.ts';
import { routeRecords } from './fake-airtable-routes.ts';

/** A request the fake received. */
export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** The base it addressed, for record and schema requests. */
  readonly base: string | undefined;
  /** What it was: list, get, create, update, replace, delete, comments, schema, bases, whoami, meta-write. */
  readonly route: string;
  readonly body: unknown;
  /** Arrival time on the fake's clock. */
  readonly at: number;
}

/** What the fake answers instead of the real thing: an error status, or a dropped connection. */
export type ScriptedAnswer =
  { readonly status: number; readonly type?: string; readonly message?: string } | 'reset';

export interface FakeAirtableOptions {
  /** Tokens and the bases each may use (`'*'` for all). Default: `patFake.token` for all. */
  readonly tokens?: Readonly<Record<string, readonly string[] | '*'>>;
  /** The clock rate limits are measured on. */
  readonly now?: () => number;
  /**
   * Enforce Airtable's limits: at most 5 requests to a base and 50 per token in any 1000 ms
   * window (the strictest reading of "per second"), answering 429 beyond, and keep answering
   * 429 for `penaltyMs` (30 s) after one, as Airtable does.
   */
  readonly enforceLimits?: boolean;
  readonly penaltyMs?: number;
}

/** A small Airtable on 127.0.0.1 for tests: just the endpoints the access layer uses. */
export interface FakeAirtable {
  readonly url: string;
  readonly token: string;
  readonly requests: FakeRequest[];
  /** 429s answered, scripted or enforced. */
  rateLimited(): number;
  /** Requests matching all given properties. */
  count(match?: Partial<Pick<FakeRequest, 'method' | 'route' | 'base'>>): number;
  /** The next `times` requests matching `when` get `scripted` instead of their answer. */
  script(
    scripted: ScriptedAnswer,
    options?: { times?: number; when?: (request: FakeRequest) => boolean },
  ): void;
  addBase(id: string, name?: string): void;
  addTable(baseId: string, name: string, fields: readonly Omit<FakeField, 'id'>[]): FakeTable;
  seed(baseId: string, table: string, fields: readonly Record<string, unknown>[]): FakeRecord[];
  table(baseId: string, table: string): FakeTable;
  close(): Promise<void>;
}

/** Starts the fake on a free port. */
export async function startFakeAirtable(options: FakeAirtableOptions = {}): Promise<FakeAirtable> {
  const tokens = options.tokens ?? { 'patFake.token': '*' };
  const now = options.now ?? Date.now;
  const penaltyMs = options.penaltyMs ?? 30_000;
  const bases = new Map<string, FakeBase>();
  const requests: FakeRequest[] = [];
  const scripts: {
    answer: ScriptedAnswer;
    times: number;
    when: (request: FakeRequest) => boolean;
  }[] = [];
  const windows = new Map<string, number[]>();
  const penalties = new Map<string, number>();
  let rateLimited = 0;

  function overLimit(key: string, limit: number, at: number): boolean {
    if ((penalties.get(key) ?? 0) > at) return true;
    const recent = (windows.get(key) ?? []).filter((time) => time > at - 1000);
    if (recent.length >= limit) {
      penalties.set(key, at + penaltyMs);
      return true;
    }
    recent.push(at);
    windows.set(key, recent);
    return false;
  }

  function meta(method: string, parts: readonly string[], body: unknown): FakeAnswer {
    const [, kind, baseId, , tableName, , fieldId] = parts;
    if (kind === 'whoami') return answer(200, { id: 'usrFake00000000001' });
    if (kind === 'bases' && baseId === undefined) {
      const list = [...bases.values()].map((base) => ({
        id: base.id,
        name: base.name,
        permissionLevel: 'create',
      }));
      return answer(200, { bases: list });
    }
    const base = bases.get(baseId ?? '');
    if (base === undefined) return refusal(404, 'NOT_FOUND', 'Could not find base');
    const changes = (body ?? {}) as {
      name?: string;
      fields?: Omit<FakeField, 'id'>[];
      type?: string;
    };
    if (tableName === undefined) {
      if (method === 'GET') return answer(200, { tables: base.tables.map(tableSchema) });
      const created = addTable(base.id, changes.name ?? 'Untitled', changes.fields ?? []);
      return answer(200, tableSchema(created));
    }
    const table = findTable(base, tableName);
    if (table === undefined) return refusal(404, 'NOT_FOUND', 'Could not find table');
    if (parts[5] !== 'fields') {
      if (changes.name !== undefined) table.name = changes.name;
      return answer(200, tableSchema(table));
    }
    if (fieldId === undefined) {
      const field: FakeField = {
        id: fakeId('fld'),
        name: changes.name ?? 'Field',
        type: changes.type ?? 'singleLineText',
      };
      table.fields.push(field);
      return answer(200, field);
    }
    const field = table.fields.find((candidate) => candidate.id === fieldId);
    if (field === undefined) return refusal(404, 'NOT_FOUND', 'Could not find field');
    if (changes.name !== undefined) {
      for (const record of table.records.values()) {
        if (field.name in record.fields) {
          record.fields[changes.name] = record.fields[field.name];
          // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a renamed key
          delete record.fields[field.name];
        }
      }
      field.name = changes.name;
    }
    return answer(200, field);
  }

  function addTable(
    baseId: string,
    name: string,
    fields: readonly Omit<FakeField, 'id'>[],
  ): FakeTable {
    const base = bases.get(baseId);
    if (base === undefined) throw new Error(`no base ${baseId}`);
    const table: FakeTable = {
      id: fakeId('tbl'),
      name,
      fields: fields.map((field) => ({ ...field, id: fakeId('fld') })),
      records: new Map(),
      comments: new Map(),
    };
    base.tables.push(table);
    return table;
  }

  function table(baseId: string, name: string): FakeTable {
    const base = bases.get(baseId);
    const found = base === undefined ? undefined : findTable(base, name);
    if (found === undefined) throw new Error(`no table ${name} in ${baseId}`);
    return found;
  }

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString();
    const body: unknown = text === '' ? undefined : JSON.parse(text);
    const parts = url.pathname
      .replace(/^\/v0\//, '')
      .split('/')
      .map(decodeURIComponent);
    const method = incoming.method ?? 'GET';
    const isMeta = parts[0] === 'meta';
    const request: FakeRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      base: isMeta ? (parts[1] === 'bases' ? parts[2] : undefined) : parts[0],
      route: routeName(method, parts, body),
      body,
      at: now(),
    };
    requests.push(request);

    const send = (result: FakeAnswer) => {
      if (result.status === 429) rateLimited += 1;
      response.writeHead(result.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(result.body));
    };
    const scripted = scripts.find((entry) => entry.times > 0 && entry.when(request));
    if (scripted !== undefined) {
      scripted.times -= 1;
      if (scripted.answer === 'reset') {
        incoming.socket.destroy();
        return;
      }
      const { status, type, message } = scripted.answer;
      send(refusal(status, type ?? `STATUS_${status}`, message ?? `scripted ${status}`));
      return;
    }
    const token = /^Bearer (.+)$/.exec(incoming.headers.authorization ?? '')?.[1];
    const allowed = token === undefined ? undefined : tokens[token];
    if (allowed === undefined) {
      send(refusal(401, 'AUTHENTICATION_REQUIRED', 'Authentication required'));
      return;
    }
    if (request.base !== undefined && allowed !== '*' && !allowed.includes(request.base)) {
      send(
        refusal(
          403,
          'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
          'Invalid permissions, or the requested model was not found',
        ),
      );
      return;
    }
    if (options.enforceLimits === true) {
      const limited =
        (request.base !== undefined && overLimit(`base:${request.base}`, 5, request.at)) ||
        overLimit(`token:${token ?? ''}`, 50, request.at);
      if (limited) {
        send(refusal(429, 'RATE_LIMIT_REACHED', 'Rate limit exceeded. Please try again later'));
        return;
      }
    }
    if (isMeta) {
      send(meta(method, parts, body));
      return;
    }
    const base = bases.get(parts[0] ?? '');
    const found = base === undefined ? undefined : findTable(base, parts[1] ?? '');
    if (found === undefined) {
      send(refusal(404, 'NOT_FOUND', 'Could not find table'));
      return;
    }
    send(routeRecords(found, request, parts, now()));
  }

  const server = createServer((incoming, response) => {
    handle(incoming, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { type: 'SERVER_ERROR', message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token: Object.keys(tokens)[0] ?? '',
    requests,
    rateLimited: () => rateLimited,
    count: (match = {}) =>
      requests.filter((request) =>
        Object.entries(match).every(([key, value]) => request[key as keyof FakeRequest] === value),
      ).length,
    script(scripted, { times = 1, when = () => true } = {}) {
      scripts.push({ answer: scripted, times, when });
    },
    addBase(id, name = id) {
      bases.set(id, { id, name, tables: [] });
    },
    addTable,
    seed(baseId, name, rows) {
      const target = table(baseId, name);
      return rows.map((fields) => {
        const record: FakeRecord = {
          id: fakeId('rec'),
          createdTime: new Date(now()).toISOString(),
          fields: { ...fields },
        };
        target.records.set(record.id, record);
        return record;
      });
    },
    table,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}

function routeName(method: string, parts: readonly string[], body: unknown): string {
  if (parts[0] === 'meta') {
    if (parts[1] === 'whoami' || (parts[1] === 'bases' && parts.length === 2)) return parts[1];
    return method === 'GET' ? 'schema' : 'meta-write';
  }
  if (parts[3] === 'comments') return 'comments';
  if (parts[2] === 'listRecords' || (method === 'GET' && parts.length === 2)) return 'list';
  if (method === 'GET') return 'get';
  if (method === 'POST') return 'create';
  if (method === 'DELETE') return 'delete';
  const upsert = typeof body === 'object' && body !== null && 'performUpsert' in body;
  if (upsert) return 'upsert';
  return method === 'PUT' ? 'replace' : 'update';
}

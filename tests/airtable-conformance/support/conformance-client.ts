/**
 * What a conformance case needs from an Airtable client, so the same case runs through
 * airtable.js and through our access layer. Each implementation passes Airtable's answers
 * through as its client returns them; nothing here corrects a client.
 */
import type { JsonValue } from '@pyairtable/kit';

/** Cell values to write, by field name. */
export type CellValues = { readonly [field: string]: JsonValue };

/** A record as a client returns it. */
export interface TableRecord {
  readonly id: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** The list parameters the cases use (Airtable's names). */
export interface ListQuery {
  readonly fields?: readonly string[];
  readonly sort?: readonly { readonly field: string; readonly direction?: 'asc' | 'desc' }[];
  readonly view?: string;
  readonly filterByFormula?: string;
  readonly pageSize?: number;
}

/** One client connected to one base with one token. */
export interface ConformanceClient {
  /** Every page of a list, in order, following Airtable's offset cursor to the end. */
  listPages(table: string, query?: ListQuery): Promise<TableRecord[][]>;
  getRecord(table: string, recordId: string): Promise<TableRecord>;
  createRecords(
    table: string,
    records: readonly CellValues[],
    options?: { readonly typecast?: boolean },
  ): Promise<TableRecord[]>;
  close(): Promise<void>;
}

/** Where a client connects. */
export interface ClientConnection {
  readonly endpointUrl: string;
  readonly token: string;
  readonly baseId: string;
}

/** How a refused call looks through a client: Airtable's status and error type. */
export interface ClientFailure {
  readonly status: number;
  readonly type: string;
}

/** One client implementation under test. */
export interface ClientKind {
  readonly name: string;
  connect(connection: ClientConnection): ConformanceClient;
  /** The status and error type a client's error carries, or undefined for other errors. */
  failureOf(error: unknown): ClientFailure | undefined;
  /**
   * Error types the client reports in place of the one Airtable sent, by status. airtable.js
   * does this by design (its `_checkStatusForError`); an entry for the access layer is a
   * deviation from its own contract (errors read the same whichever transport carried the
   * call), pinned here so a fix shows up as a failing case.
   */
  readonly replacedErrorTypes: Readonly<Partial<Record<number, string>>>;
}

/** The status and error type `call` fails with through `kind`; throws when it succeeds. */
export async function failureOf(kind: ClientKind, call: Promise<unknown>): Promise<ClientFailure> {
  try {
    await call;
  } catch (error) {
    const failure = kind.failureOf(error);
    if (failure === undefined) throw error;
    return failure;
  }
  throw new Error(`expected the ${kind.name} call to fail`);
}

/** The failure a client should report when Airtable answers `status` with `type`. */
export function expectedFailure(kind: ClientKind, status: number, type: string): ClientFailure {
  return { status, type: kind.replacedErrorTypes[status] ?? type };
}

/** Every record of a list, pages joined. */
export async function listAll(
  client: ConformanceClient,
  table: string,
  query: ListQuery = {},
): Promise<TableRecord[]> {
  return (await client.listPages(table, query)).flat();
}

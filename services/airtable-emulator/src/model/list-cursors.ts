/**
 * Pagination cursors for list requests. The first page snapshots the ordered record ids of the
 * query, and each `offset` points into that snapshot, so paging through a table while others
 * write to it neither skips nor repeats records (deleted records are simply left out). Cursors
 * look like Airtable's (`itr…/rec…`), expire after a while unused, and an expired or unknown
 * one is 422 LIST_RECORDS_ITERATOR_NOT_AVAILABLE, as in Airtable.
 */
import { airtableErrors } from '../airtable-errors.ts';
import type { Clock } from '../clock.ts';
import type { RecordModel, TableModel } from './model-types.ts';
import { newId } from './new-ids.ts';

interface Snapshot {
  readonly id: string;
  readonly tableId: string;
  readonly ids: readonly string[];
  /** Where each offset handed out starts: record id → index in `ids`. */
  readonly issued: Map<string, number>;
  lastUsed: number;
}

/** One page of a list. */
export interface ListPage {
  readonly records: RecordModel[];
  /** The cursor of the next page; absent on the last page. */
  readonly offset?: string;
}

/** Hands out and resolves list cursors. */
export interface ListCursors {
  /** The first page of a new listing of `ids` (already cut to maxRecords). */
  first(table: TableModel, ids: readonly string[], pageSize: number): ListPage;
  /** The page an `offset` from an earlier answer points to. */
  next(table: TableModel, offset: string, pageSize: number): ListPage;
}

/** Options of {@link createListCursors}. */
export interface ListCursorOptions {
  readonly clock: Clock;
  /** How long a cursor lives without being used; 10 minutes unless told. */
  readonly ttlMs?: number;
  /** How many listings are remembered at once; the least recently used go first. */
  readonly maxSnapshots?: number;
}

const OFFSET_PATTERN = /^(itr[A-Za-z0-9]{14})\/(rec[A-Za-z0-9]{14})$/;

/** A cursor store on `clock`. */
export function createListCursors(options: ListCursorOptions): ListCursors {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const maxSnapshots = options.maxSnapshots ?? 2_000;
  const snapshots = new Map<string, Snapshot>();

  const prune = (now: number) => {
    for (const [id, snapshot] of snapshots) {
      if (now - snapshot.lastUsed > ttlMs || snapshots.size > maxSnapshots) snapshots.delete(id);
      else break;
    }
  };

  const pageFrom = (table: TableModel, snapshot: Snapshot, start: number, pageSize: number) => {
    const records: RecordModel[] = [];
    let position = start;
    while (position < snapshot.ids.length && records.length < pageSize) {
      const record = table.records.get(snapshot.ids[position] ?? '');
      if (record !== undefined) records.push(record);
      position += 1;
    }
    const nextId = snapshot.ids[position];
    if (nextId === undefined) return { records };
    snapshot.issued.set(nextId, position);
    // Re-inserting keeps the map in least-recently-used order for pruning.
    snapshots.delete(snapshot.id);
    snapshot.lastUsed = options.clock.now();
    snapshots.set(snapshot.id, snapshot);
    return { records, offset: `${snapshot.id}/${nextId}` };
  };

  return {
    first(table, ids, pageSize) {
      const now = options.clock.now();
      prune(now);
      const snapshot: Snapshot = {
        id: newId('itr'),
        tableId: table.id,
        ids,
        issued: new Map(),
        lastUsed: now,
      };
      return pageFrom(table, snapshot, 0, pageSize);
    },
    next(table, offset, pageSize) {
      const match = OFFSET_PATTERN.exec(offset);
      if (match === null) throw airtableErrors.invalidOffset(offset);
      const now = options.clock.now();
      prune(now);
      const snapshot = snapshots.get(match[1] ?? '');
      const start = snapshot?.issued.get(match[2] ?? '');
      if (snapshot === undefined || start === undefined || snapshot.tableId !== table.id) {
        throw airtableErrors.iteratorNotAvailable();
      }
      return pageFrom(table, snapshot, start, pageSize);
    },
  };
}

/**
 * The emulator's state as JSON, for the data file: schema, stored cells (computed ones are
 * recomputed on restore), record timestamps and auto numbers, and comments. Versioned so a
 * file from an incompatible emulator is refused instead of misread.
 */
import { compileAndComputeBase } from '../model/compile-base.ts';
import type { CommentModel, EmulatorState } from '../model/emulator-state.ts';
import type {
  BaseModel,
  FieldModel,
  FieldType,
  SortSpec,
  TableModel,
} from '../model/model-types.ts';
import { isComputed } from '../model/model-types.ts';

const VERSION = 1;

interface SnapshotRecord {
  readonly id: string;
  readonly createdTime: number;
  readonly lastModifiedTime: number;
  readonly autoNumber: number;
  readonly cells: Record<string, unknown>;
}

interface SnapshotTable {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly fields: readonly {
    id: string;
    name: string;
    type: FieldType;
    description?: string;
    options: Record<string, unknown>;
  }[];
  readonly views: readonly {
    id: string;
    name: string;
    filterByFormula?: string;
    sort: readonly SortSpec[];
  }[];
  readonly nextAutoNumber: number;
  readonly records: readonly SnapshotRecord[];
}

/** The data file's content. */
export interface StateSnapshot {
  readonly version: number;
  readonly savedAt: string;
  readonly bases: readonly { id: string; name: string; tables: readonly SnapshotTable[] }[];
  readonly comments: Readonly<Record<string, readonly CommentModel[]>>;
}

function storedCells(table: TableModel, cells: ReadonlyMap<string, unknown>) {
  const stored: Record<string, unknown> = {};
  for (const field of table.fields) {
    const cell = cells.get(field.id);
    if (!isComputed(field) && cell !== undefined) stored[field.id] = cell;
  }
  return stored;
}

function tableSnapshot(table: TableModel): SnapshotTable {
  return {
    id: table.id,
    name: table.name,
    ...(table.description === undefined ? {} : { description: table.description }),
    fields: table.fields.map((field) => ({
      id: field.id,
      name: field.name,
      type: field.type,
      ...(field.description === undefined ? {} : { description: field.description }),
      options: field.options,
    })),
    views: table.views.map((view) => ({
      id: view.id,
      name: view.name,
      ...(view.filterByFormula === undefined ? {} : { filterByFormula: view.filterByFormula }),
      sort: view.sort,
    })),
    nextAutoNumber: table.nextAutoNumber,
    records: [...table.records.values()].map((record) => ({
      id: record.id,
      createdTime: record.createdTime,
      lastModifiedTime: record.lastModifiedTime,
      autoNumber: record.autoNumber,
      cells: storedCells(table, record.cells),
    })),
  };
}

/** The state as a snapshot; it shares objects with the state, so serialize it right away. */
export function snapshotOf(state: EmulatorState): StateSnapshot {
  return {
    version: VERSION,
    savedAt: new Date(state.clock.now()).toISOString(),
    bases: [...state.bases.values()].map((base) => ({
      id: base.id,
      name: base.name,
      tables: base.tables.map(tableSnapshot),
    })),
    comments: Object.fromEntries(state.comments),
  };
}

function tableFromSnapshot(baseId: string, table: SnapshotTable): TableModel {
  return {
    id: table.id,
    baseId,
    name: table.name,
    description: table.description,
    fields: table.fields.map((field): FieldModel => ({
      id: field.id,
      name: field.name,
      type: field.type,
      description: field.description,
      options: field.options,
      compiled: undefined,
    })),
    views: table.views.map((view) => ({
      id: view.id,
      name: view.name,
      type: 'grid',
      filterByFormula: view.filterByFormula,
      sort: view.sort,
    })),
    nextAutoNumber: table.nextAutoNumber,
    records: new Map(
      table.records.map((record) => [
        record.id,
        { ...record, cells: new Map(Object.entries(record.cells)), computed: new Map() },
      ]),
    ),
  };
}

/** Replaces the state's bases and comments with a snapshot's, recomputing computed cells. */
export function restoreSnapshot(state: EmulatorState, snapshot: StateSnapshot): void {
  if (snapshot.version !== VERSION) {
    throw new Error(`data file version ${snapshot.version} is not ${VERSION}`);
  }
  state.bases.clear();
  state.comments.clear();
  const now = new Date(state.clock.now());
  for (const saved of snapshot.bases) {
    const base: BaseModel = {
      id: saved.id,
      name: saved.name,
      tables: saved.tables.map((table) => tableFromSnapshot(saved.id, table)),
    };
    compileAndComputeBase(base, now);
    state.bases.set(base.id, base);
  }
  for (const [recordId, comments] of Object.entries(snapshot.comments)) {
    state.comments.set(
      recordId,
      comments.map((comment) => ({ ...comment })),
    );
  }
}

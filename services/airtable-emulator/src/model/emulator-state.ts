/**
 * Everything the emulator holds: its bases, record comments and the clock writes are stamped
 * with. Writers call `changed()` after each successful mutation so persistence can save.
 */
import type { Clock } from '../clock.ts';
import type { BaseModel, FieldModel, TableModel } from './model-types.ts';

/** A comment on a record. */
export interface CommentModel {
  readonly id: string;
  readonly author: { readonly id: string; readonly email: string; readonly name: string };
  text: string;
  readonly createdTime: number;
  lastUpdatedTime: number | undefined;
}

/** The emulator's whole state. */
export interface EmulatorState {
  readonly bases: Map<string, BaseModel>;
  /** Comments by record id, oldest first. */
  readonly comments: Map<string, CommentModel[]>;
  readonly clock: Clock;
  /** Tells listeners (persistence) that something changed. */
  changed(): void;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}

/** An empty state on `clock`. */
export function createEmulatorState(clock: Clock): EmulatorState {
  const listeners = new Set<() => void>();
  return {
    bases: new Map(),
    comments: new Map(),
    clock,
    changed() {
      for (const listener of listeners) listener();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The table of `base` with this id or name; ids win, as in Airtable's URLs. */
export function findTable(base: BaseModel, idOrName: string): TableModel | undefined {
  return (
    base.tables.find((table) => table.id === idOrName) ??
    base.tables.find((table) => table.name === idOrName)
  );
}

/** The table with this id; throws when a field's options name a table that is not there. */
export function tableById(base: BaseModel, tableId: string): TableModel {
  const table = base.tables.find((candidate) => candidate.id === tableId);
  if (table === undefined) throw new Error(`base ${base.id} has no table ${tableId}`);
  return table;
}

/** The field of `table` with this id or name. */
export function findField(table: TableModel, idOrName: string): FieldModel | undefined {
  return (
    table.fields.find((field) => field.id === idOrName) ??
    table.fields.find((field) => field.name === idOrName)
  );
}

/**
 * The field a formula reference names: an id, an exact name, or a name differing only in case
 * (Airtable matches formula references without regard to case).
 */
export function findFormulaField(table: TableModel, reference: string): FieldModel | undefined {
  const exact = findField(table, reference);
  if (exact !== undefined) return exact;
  const lower = reference.toLowerCase();
  return table.fields.find((field) => field.name.toLowerCase() === lower);
}

/** The field with this id; throws when options name a field that is not there. */
export function fieldById(table: TableModel, fieldId: string): FieldModel {
  const field = table.fields.find((candidate) => candidate.id === fieldId);
  if (field === undefined) throw new Error(`table ${table.name} has no field ${fieldId}`);
  return field;
}

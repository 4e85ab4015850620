/**
 * Seed tables with their fields and record ids indexed, so checks over 100k+ records look
 * things up in maps instead of scanning lists.
 */
import type { SeedBase, SeedField, SeedRecord, SeedTable } from './seed-format.ts';

/** A table with lookups of fields by name and id, and of records by id. */
export interface IndexedTable {
  readonly table: SeedTable;
  readonly fieldsByName: ReadonlyMap<string, SeedField>;
  readonly fieldsById: ReadonlyMap<string, SeedField>;
  readonly recordsById: ReadonlyMap<string, SeedRecord>;
}

/** The tables of `base`, indexed, by table id. */
export function indexTables(base: SeedBase): Map<string, IndexedTable> {
  return new Map(
    base.tables.map((table) => [
      table.id,
      {
        table,
        fieldsByName: new Map(table.fields.map((field) => [field.name, field])),
        fieldsById: new Map(table.fields.map((field) => [field.id, field])),
        recordsById: new Map(table.records.map((record) => [record.id, record])),
      },
    ]),
  );
}

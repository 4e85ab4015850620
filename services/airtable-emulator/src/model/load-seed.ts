/**
 * Builds the in-memory model from seed bases (seed-format.ts): fields, views and records as
 * given, inverse link fields where missing, links agreeing in both directions and every
 * computed field computed. Seed values are trusted (no per-cell validation, no write limits),
 * so a 100k-record base loads in a few seconds; values given for computed fields are ignored.
 * A seed that names a missing field, table or view field fails loudly.
 */
import type { SeedBase, SeedField, SeedTable, SeedView } from '../seed/seed-format.ts';
import { compileAndComputeBase } from './compile-base.ts';
import type { EmulatorState } from './emulator-state.ts';
import { findTable } from './emulator-state.ts';
import { linkTargetOf } from './field-options.ts';
import { parseFilterFormula } from './formula-compiler.ts';
import { ensureInverseField, reconcileLinks } from './inverse-link-fields.ts';
import type { BaseModel, FieldModel, RecordModel, TableModel, ViewModel } from './model-types.ts';
import { isComputed } from './model-types.ts';
import { isEmptyCell } from '../seed/empty-values.ts';

function fieldFromSeed(seed: SeedField): FieldModel {
  return {
    id: seed.id,
    name: seed.name,
    type: seed.type,
    description: seed.description,
    options: seed.options === undefined ? {} : structuredClone({ ...seed.options }),
    compiled: undefined,
  };
}

function viewFromSeed(seed: SeedView): ViewModel {
  return {
    id: seed.id,
    name: seed.name,
    type: seed.type,
    filterByFormula: seed.filterByFormula,
    sort: seed.sort ?? [],
  };
}

function tableShell(baseId: string, seed: SeedTable): TableModel {
  if (seed.fields.length === 0) throw new Error(`seed table ${seed.name} has no fields`);
  return {
    id: seed.id,
    baseId,
    name: seed.name,
    description: seed.description,
    fields: seed.fields.map(fieldFromSeed),
    views: seed.views.map(viewFromSeed),
    records: new Map(),
    nextAutoNumber: 1,
  };
}

function loadRecords(table: TableModel, seed: SeedTable, loadTime: number): void {
  const byKey = new Map<string, FieldModel>();
  for (const field of table.fields) {
    byKey.set(field.id, field);
    if (!byKey.has(field.name)) byKey.set(field.name, field);
  }
  for (const seedRecord of seed.records) {
    const createdTime =
      seedRecord.createdTime === undefined ? loadTime : Date.parse(seedRecord.createdTime);
    if (Number.isNaN(createdTime)) {
      throw new Error(
        `seed record ${seedRecord.id}: bad createdTime ${seedRecord.createdTime ?? ''}`,
      );
    }
    const cells = new Map<string, unknown>();
    for (const [key, value] of Object.entries(seedRecord.fields)) {
      const field = byKey.get(key);
      if (field === undefined) {
        throw new Error(`seed record ${seedRecord.id} in ${table.name}: unknown field "${key}"`);
      }
      // Seeds share cell values between records (select sets, date strings) to stay small;
      // sharing is safe because the model replaces cell values and never edits them in place.
      if (!isComputed(field) && !isEmptyCell(value)) cells.set(field.id, value);
    }
    const record: RecordModel = {
      id: seedRecord.id,
      createdTime,
      lastModifiedTime: createdTime,
      autoNumber: table.nextAutoNumber,
      cells,
      computed: new Map(),
    };
    if (table.records.has(record.id)) throw new Error(`seed record id ${record.id} is repeated`);
    table.records.set(record.id, record);
    table.nextAutoNumber += 1;
  }
}

function checkViews(table: TableModel): void {
  for (const view of table.views) {
    try {
      if (view.filterByFormula !== undefined) parseFilterFormula(table, view.filterByFormula);
    } catch (error) {
      throw new Error(`view ${view.name} of ${table.name}: ${String(error)}`, { cause: error });
    }
    for (const key of view.sort) {
      if (!table.fields.some((field) => field.id === key.field || field.name === key.field)) {
        throw new Error(`view ${view.name} of ${table.name} sorts by unknown field ${key.field}`);
      }
    }
  }
}

/** The model of one seed base, with computed fields computed at `loadTime`. */
export function baseFromSeed(seed: SeedBase, loadTime: number): BaseModel {
  const base: BaseModel = {
    id: seed.id,
    name: seed.name,
    tables: seed.tables.map((table) => tableShell(seed.id, table)),
  };
  for (const table of base.tables) {
    for (const field of [...table.fields]) {
      if (field.type === 'multipleRecordLinks') {
        if (findTable(base, linkTargetOf(field).linkedTableId) === undefined) {
          throw new Error(`link ${field.name} of ${table.name} points at a missing table`);
        }
        ensureInverseField(base, table, field);
      }
    }
  }
  seed.tables.forEach((seedTable, index) => {
    const table = base.tables[index];
    if (table !== undefined) loadRecords(table, seedTable, loadTime);
  });
  reconcileLinks(base);
  compileAndComputeBase(base, new Date(loadTime));
  for (const table of base.tables) checkViews(table);
  return base;
}

/** Adds seed bases to `state`. */
export function loadSeedBases(state: EmulatorState, seeds: readonly SeedBase[]): void {
  const now = state.clock.now();
  for (const seed of seeds) {
    if (state.bases.has(seed.id)) throw new Error(`base ${seed.id} is seeded twice`);
    state.bases.set(seed.id, baseFromSeed(seed, now));
  }
}

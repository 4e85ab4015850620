/**
 * Finds what is wrong with a seed base before the emulator serves it: malformed or repeated
 * ids, cells for unknown or computed fields, values of the wrong shape, links to missing
 * records or not mirrored by the inverse field, and formulas, views or rollups naming fields
 * that do not exist. The emulator can refuse a seed with problems at start; tests use it to
 * hold the generators to the format.
 */
import { AIRTABLE_ID_PATTERN } from './airtable-ids.ts';
import { cellProblem } from './cell-problems.ts';
import { formulaFieldNames, isComputedField } from './computed-fields.ts';
import { isEmptyCell } from './empty-values.ts';
import { stringOption } from './field-options.ts';
import { indexTables } from './indexed-table.ts';
import type { IndexedTable } from './indexed-table.ts';
import type { SeedBase, SeedField } from './seed-format.ts';
import { schemaProblems } from './schema-problems.ts';

function idProblems(base: SeedBase): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const check = (id: string, prefix: string, what: string) => {
    if (!AIRTABLE_ID_PATTERN.test(id) || !id.startsWith(prefix)) {
      problems.push(`${what}: id "${id}" is not ${prefix} + 14 letters or digits`);
    }
    if (seen.has(id)) problems.push(`${what}: id ${id} is used twice`);
    seen.add(id);
  };
  check(base.id, 'app', `base ${base.name}`);
  for (const table of base.tables) {
    check(table.id, 'tbl', `table ${table.name}`);
    for (const field of table.fields) check(field.id, 'fld', `${table.name}.${field.name}`);
    for (const view of table.views) check(view.id, 'viw', `${table.name} view ${view.name}`);
    for (const record of table.records) check(record.id, 'rec', `${table.name} record`);
  }
  return problems;
}

function linkedRecords(value: unknown): readonly string[] {
  return Array.isArray(value) ? (value as unknown[]).map(String) : [];
}

/** Problems with the links of `field` in `indexed`: missing targets, unmirrored links. */
function linkProblems(
  indexed: IndexedTable,
  field: SeedField,
  tables: ReadonlyMap<string, IndexedTable>,
): string[] {
  const linked = tables.get(stringOption(field, 'linkedTableId') ?? '');
  if (linked === undefined) return [];
  const inverse = linked.fieldsById.get(stringOption(field, 'inverseLinkFieldId') ?? '');
  const problems: string[] = [];
  for (const record of indexed.table.records) {
    for (const target of linkedRecords(record.fields[field.name])) {
      const where = `${indexed.table.name}.${field.name} of ${record.id}`;
      const targetRecord = linked.recordsById.get(target);
      if (targetRecord === undefined) {
        problems.push(`${where}: links to ${target}, not a record of ${linked.table.name}`);
      } else if (
        inverse !== undefined &&
        !linkedRecords(targetRecord.fields[inverse.name]).includes(record.id)
      ) {
        problems.push(`${where}: ${target} does not link back through ${inverse.name}`);
      }
    }
  }
  return problems;
}

function recordProblems(indexed: IndexedTable, tables: ReadonlyMap<string, IndexedTable>) {
  const problems: string[] = [];
  const { table, fieldsByName } = indexed;
  for (const record of table.records) {
    if (record.createdTime !== undefined && Number.isNaN(Date.parse(record.createdTime))) {
      problems.push(`${table.name} ${record.id}: createdTime is not a date`);
    }
    for (const [name, value] of Object.entries(record.fields)) {
      const field = fieldsByName.get(name);
      const where = `${table.name} ${record.id}: ${name}`;
      if (field === undefined) problems.push(`${where} is not a field of ${table.name}`);
      else if (isComputedField(field)) problems.push(`${where} is computed and must not be stored`);
      else if (isEmptyCell(value)) problems.push(`${where} is empty and must be left out`);
      else {
        const problem = cellProblem(field, value);
        if (problem !== undefined) problems.push(`${where} ${problem}`);
      }
    }
  }
  const links = table.fields.filter((field) => field.type === 'multipleRecordLinks');
  return problems.concat(...links.map((field) => linkProblems(indexed, field, tables)));
}

/** Views naming fields their table does not have, in a sort or a filter formula. */
function viewProblems(indexed: IndexedTable): string[] {
  const problems: string[] = [];
  for (const view of indexed.table.views) {
    const names = [
      ...(view.sort ?? []).map((sort) => sort.field),
      ...formulaFieldNames(view.filterByFormula ?? ''),
    ];
    for (const name of names) {
      if (!indexed.fieldsByName.has(name)) {
        problems.push(`${indexed.table.name} view ${view.name}: no field named ${name}`);
      }
    }
  }
  return problems;
}

/** Everything wrong with `base`, one sentence each; empty when the emulator can load it. */
export function seedProblems(base: SeedBase): string[] {
  const tables = indexTables(base);
  return idProblems(base).concat(
    ...Array.from(tables.values(), (indexed) => [
      ...schemaProblems(indexed, tables),
      ...viewProblems(indexed),
      ...recordProblems(indexed, tables),
    ]),
  );
}

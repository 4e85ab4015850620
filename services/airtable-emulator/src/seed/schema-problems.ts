/**
 * Checks a seed table's schema: unique field names, select choices with ids, links whose
 * inverse field links back, lookups, rollups and counts that go through a link field of
 * their own table to a field that exists, and formulas naming fields that exist.
 */
import { AIRTABLE_ID_PATTERN } from './airtable-ids.ts';
import { formulaFieldNames } from './computed-fields.ts';
import { selectChoices, stringOption } from './field-options.ts';
import type { IndexedTable } from './indexed-table.ts';
import type { SeedField } from './seed-format.ts';

function choiceIdProblems(field: SeedField): string[] {
  const choices = selectChoices(field);
  if (choices.length === 0) return ['has no choices'];
  return choices
    .filter(
      ({ id }) => typeof id !== 'string' || !AIRTABLE_ID_PATTERN.test(id) || !id.startsWith('sel'),
    )
    .map(({ name }) => `choice ${name} has no sel… id`);
}

function linkOptionProblems(
  field: SeedField,
  owner: IndexedTable,
  tables: ReadonlyMap<string, IndexedTable>,
): string[] {
  const linked = tables.get(stringOption(field, 'linkedTableId') ?? '');
  if (linked === undefined) return ['links to a table not in the base'];
  const inverseId = stringOption(field, 'inverseLinkFieldId');
  if (inverseId === undefined) return [];
  const inverse = linked.fieldsById.get(inverseId);
  if (
    inverse?.type !== 'multipleRecordLinks' ||
    stringOption(inverse, 'linkedTableId') !== owner.table.id ||
    stringOption(inverse, 'inverseLinkFieldId') !== field.id
  ) {
    return [`has inverse ${inverseId}, which is not a link back to it`];
  }
  return [];
}

function throughLinkProblems(
  field: SeedField,
  owner: IndexedTable,
  tables: ReadonlyMap<string, IndexedTable>,
): string[] {
  const link = owner.fieldsById.get(stringOption(field, 'recordLinkFieldId') ?? '');
  if (link?.type !== 'multipleRecordLinks') return ['does not go through a link field'];
  if (field.type === 'count') return [];
  const linked = tables.get(stringOption(link, 'linkedTableId') ?? '');
  const source = linked?.fieldsById.get(stringOption(field, 'fieldIdInLinkedTable') ?? '');
  return source === undefined ? ['reads a field the linked table does not have'] : [];
}

function fieldProblems(
  field: SeedField,
  owner: IndexedTable,
  tables: ReadonlyMap<string, IndexedTable>,
): string[] {
  switch (field.type) {
    case 'singleSelect':
    case 'multipleSelects':
      return choiceIdProblems(field);
    case 'multipleRecordLinks':
      return linkOptionProblems(field, owner, tables);
    case 'multipleLookupValues':
    case 'rollup':
    case 'count':
      return throughLinkProblems(field, owner, tables);
    case 'formula':
      return formulaFieldNames(stringOption(field, 'formula') ?? '')
        .filter((name) => !owner.fieldsByName.has(name))
        .map((name) => `names a field ${name} that does not exist`);
    default:
      return [];
  }
}

/** What is wrong with the fields of `owner`, one sentence each. */
export function schemaProblems(
  owner: IndexedTable,
  tables: ReadonlyMap<string, IndexedTable>,
): string[] {
  const { table } = owner;
  const problems: string[] = [];
  if (table.fields.length === 0) problems.push(`${table.name}: has no fields`);
  if (owner.fieldsByName.size !== table.fields.length) {
    problems.push(`${table.name}: two fields share a name`);
  }
  for (const field of table.fields) {
    for (const problem of fieldProblems(field, owner, tables)) {
      problems.push(`${table.name}.${field.name}: ${problem}`);
    }
  }
  return problems;
}

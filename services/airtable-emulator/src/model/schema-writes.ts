/**
 * Schema changes through the metadata API: create a table, add a field, and rename or
 * re-describe tables and fields. A new link field gets its inverse in the linked table; a
 * renamed field is renamed in the view filters and sorts that name it (formula fields refer to
 * fields by id, so they need nothing).
 */
import { airtableErrors } from '../airtable-errors.ts';
import { compileBase } from './compile-base.ts';
import type { EmulatorState } from './emulator-state.ts';
import { findTable } from './emulator-state.ts';
import { fieldFromDefinition, PRIMARY_TYPES } from './field-definition.ts';
import type { FieldDefinition } from './field-definition.ts';
import { rewriteFieldReferences } from './formula-references.ts';
import { ensureInverseField } from './inverse-link-fields.ts';
import type { BaseModel, FieldModel, TableModel } from './model-types.ts';
import { newId } from './new-ids.ts';

function checkTableName(base: BaseModel, name: string, except?: TableModel): string {
  const trimmed = name.trim();
  if (trimmed === '') throw airtableErrors.invalidRequest('A table needs a name');
  const lower = trimmed.toLowerCase();
  if (base.tables.some((table) => table !== except && table.name.toLowerCase() === lower)) {
    throw airtableErrors.duplicateName('table', trimmed);
  }
  return trimmed;
}

function checkFieldName(table: TableModel, name: string, except?: FieldModel): string {
  const trimmed = name.trim();
  if (trimmed === '') throw airtableErrors.duplicateName('field', trimmed);
  const lower = trimmed.toLowerCase();
  if (table.fields.some((field) => field !== except && field.name.toLowerCase() === lower)) {
    throw airtableErrors.duplicateName('field', trimmed);
  }
  return trimmed;
}

function addField(base: BaseModel, table: TableModel, field: FieldModel): void {
  if (field.type === 'multipleRecordLinks') {
    const linkedTableId = field.options['linkedTableId'];
    if (typeof linkedTableId !== 'string' || findTable(base, linkedTableId)?.id !== linkedTableId) {
      throw airtableErrors.invalidRequest(
        'options.linkedTableId must be the id of a table in this base',
      );
    }
  }
  table.fields.push(field);
  if (field.type === 'multipleRecordLinks') ensureInverseField(base, table, field);
}

/** A new table definition from the metadata API. */
export interface TableDefinition {
  readonly name: string;
  readonly description?: string | undefined;
  readonly fields: readonly FieldDefinition[];
}

/** Creates a table with its fields and a default grid view. */
export function createTable(
  state: EmulatorState,
  base: BaseModel,
  definition: TableDefinition,
): TableModel {
  const name = checkTableName(base, definition.name);
  const [first] = definition.fields;
  if (first === undefined) throw airtableErrors.invalidRequest('A table needs at least one field');
  if (!PRIMARY_TYPES.has(first.type)) {
    throw airtableErrors.invalidRequest(
      `A field of type ${first.type} cannot be the primary field`,
    );
  }
  const table: TableModel = {
    id: newId('tbl'),
    baseId: base.id,
    name,
    description: definition.description,
    fields: [],
    views: [
      { id: newId('viw'), name: 'Grid view', type: 'grid', filterByFormula: undefined, sort: [] },
    ],
    records: new Map(),
    nextAutoNumber: 1,
  };
  const fields = definition.fields.map(fieldFromDefinition);
  const names = new Set<string>();
  for (const field of fields) {
    if (names.has(field.name.toLowerCase()))
      throw airtableErrors.duplicateName('field', field.name);
    names.add(field.name.toLowerCase());
  }
  base.tables.push(table);
  try {
    for (const field of fields) addField(base, table, field);
  } catch (error) {
    base.tables.pop();
    throw error;
  }
  compileBase(base);
  state.changed();
  return table;
}

/** Adds a field to `table`. */
export function createField(
  state: EmulatorState,
  base: BaseModel,
  table: TableModel,
  definition: FieldDefinition,
): FieldModel {
  const field = fieldFromDefinition(definition);
  field.name = checkFieldName(table, field.name);
  addField(base, table, field);
  compileBase(base);
  state.changed();
  return field;
}

/** What a table or field update may change. */
export interface NameAndDescription {
  readonly name?: string | undefined;
  readonly description?: string | undefined;
}

/** Renames or re-describes a table. */
export function updateTable(
  state: EmulatorState,
  base: BaseModel,
  table: TableModel,
  update: NameAndDescription,
): TableModel {
  if (update.name !== undefined) table.name = checkTableName(base, update.name, table);
  if (update.description !== undefined) table.description = update.description;
  state.changed();
  return table;
}

/** Renames or re-describes a field, following the rename in view filters and sorts. */
export function updateField(
  state: EmulatorState,
  table: TableModel,
  field: FieldModel,
  update: NameAndDescription,
): FieldModel {
  if (update.name !== undefined) {
    const oldName = field.name;
    field.name = checkFieldName(table, update.name, field);
    const rename = (reference: string) => (reference === oldName ? field.name : undefined);
    for (const view of table.views) {
      if (view.filterByFormula !== undefined) {
        view.filterByFormula = rewriteFieldReferences(view.filterByFormula, rename);
      }
      view.sort = view.sort.map((key) =>
        key.field === oldName ? { ...key, field: field.name } : key,
      );
    }
  }
  if (update.description !== undefined) field.description = update.description;
  state.changed();
  return field;
}
